import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import {
	callbackWorklist,
	claimCallback,
	claimNextCallback
} from '$lib/server/escalation/callbacks.service';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({
		worklist: await callbackWorklist(actor, now(), staffLocale(event.locals)),
		// How the last request left the agent's hands (an outcome, never anything personal).
		done: event.url.searchParams.get('done')
	}));

const CLAIM_FORM = v.object({ claim: text(10) });
const TAKE_FORM = v.object({ id: text(40) });

export const actions: Actions = {
	claim: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			// The button's value: a post without it is not the form's.
			const read = await readFormWith(event, CLAIM_FORM);
			if (!read.ok || read.data.claim !== 'next')
				return fail(400, { empty: false, error: staffText(event.locals.locale).agentBadRequest });
			const claimed = await claimNextCallback(actor, now(), staffLocale(event.locals));
			if (claimed) staffRedirect(event.locals, `/agent/callbacks/${claimed.id}`);
			return { empty: true, error: null };
		}),
	// One row of the worklist (issue 17 point 5); someone quicker gets it, this agent is told.
	take: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			const read = await readFormWith(event, TAKE_FORM);
			if (!read.ok)
				return fail(400, { empty: false, error: staffText(event.locals.locale).agentBadRequest });
			const claimed = await claimCallback(actor, read.data.id, now(), staffLocale(event.locals));
			if (claimed) staffRedirect(event.locals, `/agent/callbacks/${claimed.id}`);
			return fail(409, { empty: false, error: staffText(event.locals.locale).deskWorklistGone });
		})
};
