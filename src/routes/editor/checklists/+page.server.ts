import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { listForEditor } from '$lib/server/content/content-editor.service';
import { asStaff } from '$lib/server/http/staff-session';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({
		checklists: await listForEditor(actor, event.locals.locale === 'en' ? 'en' : 'cs', now())
	}));
