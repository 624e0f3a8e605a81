import type { PageServerLoad } from './$types';
import { myBranches } from '$lib/server/booking/schedule.service';
import { asStaff } from '$lib/server/http/staff-session';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({ branches: await myBranches(actor) }));
