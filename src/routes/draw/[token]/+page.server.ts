import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { parseChange } from '$lib/server/draw/entry-form';
import {
	changeDrawEntry,
	entryByToken,
	withdrawDrawEntry
} from '$lib/server/draw/releases.service';
import { readForm } from '$lib/server/http/form';
import { getConfig } from '$lib/server/config';

export const load: PageServerLoad = async ({ params, url }) => {
	const entry = await entryByToken(params.token, getConfig().appSecret, now());
	if (!entry) error(404, 'Not found');
	return { entry, token: params.token, entered: url.searchParams.has('entered') };
};

export const actions: Actions = {
	change: async (event) => {
		const { params, locals } = event;
		const parsed = parseChange(await readForm(event), locals.locale);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		if (!(await changeDrawEntry(params.token, parsed.value, now()))) error(404, 'Not found');
		return { changed: true };
	},
	withdraw: async ({ params }) => {
		if (!(await withdrawDrawEntry(params.token, now()))) error(404, 'Not found');
		return { withdrawn: true };
	}
};
