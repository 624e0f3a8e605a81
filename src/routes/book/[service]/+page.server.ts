import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { branchChoices } from '$lib/server/booking/booking-flow.service';
import { now } from '$lib/server/clock';

export const load: PageServerLoad = async ({ params }) => {
	const choices = await branchChoices(params.service, now());
	if (!choices) error(404, 'Not found');
	return choices;
};
