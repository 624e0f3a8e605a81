import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { getChecklist } from '$lib/server/content/content.service';

export const load: PageServerLoad = async ({ locals, params }) => {
	const checklist = await getChecklist(params.slug, locals.locale, now());
	if (!checklist) error(404, 'Not found');
	return { checklist };
};
