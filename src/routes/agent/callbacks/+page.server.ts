import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import {
	callbackWorklist,
	claimCallback,
	claimNextCallback
} from '$lib/server/escalation/callbacks.service';
import { formText } from '$lib/server/http/form';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({
		worklist: await callbackWorklist(actor, now(), staffLocale(event.locals)),
		// How the last request left the agent's hands (an outcome, never anything personal).
		done: event.url.searchParams.get('done')
	}));

export const actions: Actions = {
	claim: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			// The button's value: a post without it is not the form's.
			if (formText(await event.request.formData(), 'claim', 10) !== 'next')
				return fail(400, { empty: false, error: staffText(event.locals.locale).agentBadRequest });
			const claimed = await claimNextCallback(actor, now(), staffLocale(event.locals));
			if (claimed) staffRedirect(event.locals, `/agent/callbacks/${claimed.id}`);
			return { empty: true, error: null };
		}),
	// One row of the worklist (issue 17 point 5); someone quicker gets it, this agent is told.
	take: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			const id = formText(await event.request.formData(), 'id', 40);
			const claimed = await claimCallback(actor, id, now(), staffLocale(event.locals));
			if (claimed) staffRedirect(event.locals, `/agent/callbacks/${claimed.id}`);
			return fail(409, { empty: false, error: staffText(event.locals.locale).deskWorklistGone });
		})
};
