import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { listChecklists, searchChecklists } from '$lib/server/content/content.service';

const MAX_QUERY = 200;

/** The index by situation and, with `?q=`, full-text search (a GET form: works without JS). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const at = now();
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY);
	const [groups, results] = await Promise.all([
		listChecklists(locals.locale, at),
		q ? searchChecklists(q, locals.locale, at) : Promise.resolve(null)
	]);
	return { groups, search: results === null ? null : { query: q, results } };
};
