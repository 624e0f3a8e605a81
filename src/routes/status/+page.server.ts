import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { now } from '$lib/server/clock';
import { requesterOf } from '$lib/server/http/requester';
import { proofOf, readForm } from '$lib/server/http/form';
import { readLookupForm } from '$lib/server/proceedings/lookup-form';
import { lookupStatus, noteInvalidLookup } from '$lib/server/proceedings/proceedings.service';

export const actions: Actions = {
	// The number and date of birth travel only in this POST body: never in a URL, never logged.
	default: async (event) => {
		event.setHeaders({ 'cache-control': 'no-store' });
		const at = now();
		const form = await readForm(event);
		const { values, result: parsed } = readLookupForm(form, at);
		if (!parsed.ok) {
			noteInvalidLookup(event.locals.locale);
			return fail(400, { values, errors: parsed.errors });
		}
		const result = await lookupStatus({
			number: parsed.number,
			birthDate: parsed.birthDate,
			now: at,
			proof: proofOf(form),
			...requesterOf(event)
		});
		if (result.kind === 'throttled') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return fail(429, {
				values,
				retryMinutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)),
				proofRequired: result.proofRequired
			});
		}
		if (result.kind === 'not_found') return fail(404, { values, notFound: true });
		return { values, birthDate: parsed.birthDate, proceeding: result.proceeding };
	}
};
