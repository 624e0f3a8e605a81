import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { nationalityOptions } from '$lib/countries';
import { localizeHref } from '$lib/i18n';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import { parseEntry } from '$lib/server/draw/entry-form';
import { enterDraw, publicRelease, releaseForEntry } from '$lib/server/draw/releases.service';
import { proofOf, readForm } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { getConfig } from '$lib/server/config';

function releaseId(param: string): number {
	const id = Number(param);
	if (!/^\d{1,9}$/.test(param) || id <= 0) error(404, 'Not found');
	return id;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const release = await publicRelease(releaseId(params.id), now());
	if (!release) error(404, 'Not found');
	return { release, nationalities: nationalityOptions(locals.locale) };
};

export const actions: Actions = {
	default: async (event) => {
		const id = releaseId(event.params.id);
		const at = now();
		// Not the public view (it counts the entries): what entering needs, kept for a few seconds.
		const release = await releaseForEntry(id);
		if (!release) error(404, 'Not found');
		const form = await readForm(event);
		const parsed = parseEntry(form, release.needsProceeding, pragueDate(at), event.locals.locale);
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const { clientAddress, secret } = requesterOf(event);
		const result = await enterDraw(id, parsed.value, {
			clientAddress,
			secret,
			origin: getConfig().publicOrigin,
			proof: proofOf(form),
			now: at
		});
		switch (result.kind) {
			case 'not_found':
				error(404, 'Not found');
			// falls through (error() throws)
			case 'closed':
				return fail(409, { values, errors: [{ field: 'times', code: 'closed' as const }] });
			case 'already_booked':
				return fail(409, {
					values,
					errors: [{ field: 'documentNumber', code: 'booked' as const }]
				});
			case 'proof_failed':
				return fail(400, { values, errors: [{ field: 'times', code: 'proof' as const }] });
			case 'throttled':
				event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				return fail(429, {
					values,
					errors: [{ field: 'times', code: 'throttled' as const }],
					minutes: Math.ceil(result.retryAfterSeconds / 60)
				});
		}
		redirect(303, localizeHref(`/draw/${result.token}?entered`, { locale: event.locals.locale }));
	}
};
