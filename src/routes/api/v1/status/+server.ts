import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { stageTexts } from '$lib/proceeding-messages';
import { now } from '$lib/server/clock';
import { requesterOf } from '$lib/server/http/requester';
import { validateLookupForm } from '$lib/server/proceedings/lookup-form';
import { lookupStatus } from '$lib/server/proceedings/proceedings.service';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Refreshes a proceeding saved on the device (`/my`). The number and date of birth come in the
 * JSON body, never in the URL; the same throttling as the form applies.
 */
export const POST: RequestHandler = async (event) => {
	const body = (await event.request.json().catch(() => null)) as {
		number?: unknown;
		birthDate?: unknown;
	} | null;
	const number = typeof body?.number === 'string' ? body.number : '';
	const [year = '', month = '', day = ''] =
		typeof body?.birthDate === 'string' ? body.birthDate.split('-') : [];
	const at = now();
	const parsed = validateLookupForm({ number, day, month, year }, at);
	if (!parsed.ok) return json({ error: 'invalid' }, { status: 400, headers: NO_STORE });
	const result = await lookupStatus({
		number: parsed.number,
		birthDate: parsed.birthDate,
		now: at,
		...requesterOf(event)
	});
	if (result.kind === 'throttled') {
		return json(
			{ error: 'throttled' },
			{ status: 429, headers: { ...NO_STORE, 'retry-after': String(result.retryAfterSeconds) } }
		);
	}
	if (result.kind === 'not_found')
		return json({ error: 'not_found' }, { status: 404, headers: NO_STORE });
	const { stage } = result.proceeding.status;
	return json(
		{
			number: result.proceeding.number,
			stage,
			stageTitle: stageTexts(stage, event.locals.locale).title
		},
		{ headers: NO_STORE }
	);
};
