import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import { claimNextCallback, waitingCallbacks } from '$lib/server/escalation/callbacks.service';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({
		waiting: await waitingCallbacks(actor, now()),
		// How the last request left the agent's hands (an outcome, never anything personal).
		done: event.url.searchParams.get('done')
	}));

const CLAIM_FORM = v.object({ claim: text(10) });

export const actions: Actions = {
	claim: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			// The button's value: a post without it is not the form's.
			const form = await readFormWith(event, CLAIM_FORM);
			if (!form.ok || form.data.claim !== 'next')
				return fail(400, { empty: false, error: staffText(event.locals.locale).agentBadRequest });
			const claimed = await claimNextCallback(actor, now(), staffLocale(event.locals));
			if (claimed) staffRedirect(event.locals, `/agent/callbacks/${claimed.id}`);
			return { empty: true, error: null };
		})
};
