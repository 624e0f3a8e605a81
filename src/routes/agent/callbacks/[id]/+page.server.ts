import { error, fail } from '@sveltejs/kit';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import {
	finishCallback,
	heldCallback,
	recordCallbackAttempt
} from '$lib/server/escalation/callbacks.service';
import { ATTEMPT_RESULTS } from '$lib/server/escalation/taxonomy';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

/** How an agent may close a request they hold (wrong numbers close by the try itself). */
const FINISH_OUTCOMES = ['completed', 'unreachable'] as const;

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const callback = await heldCallback(actor, event.params.id, now(), staffLocale(event.locals));
		if (!callback) error(404, 'Not found');
		const at = now().getTime();
		return {
			waitingMinutes: Math.max(0, Math.floor((at - callback.requestedAt.getTime()) / 60_000)),
			sharedMinutes: callback.context
				? Math.max(0, Math.floor((at - callback.context.createdAt.getTime()) / 60_000))
				: 0,
			callback: {
				...callback,
				phoneDisplay:
					parsePhoneNumberFromString(callback.phone)?.formatInternational() ?? callback.phone
			},
			lists: { attempts: ATTEMPT_RESULTS, outcomes: FINISH_OUTCOMES }
		};
	});

const ATTEMPT_FORM = v.object({ result: text(40) });
const FINISH_FORM = v.object({ outcome: text(40) });

export const actions: Actions = {
	attempt: (event) =>
		asStaff(event, async (actor) => {
			const form = await readFormWith(event, ATTEMPT_FORM);
			const text = staffText(event.locals.locale);
			if (!form.ok) return fail(400, { errors: [{ field: 'result', message: text.formControl }] });
			const result = form.data.result;
			const recorded = await recordCallbackAttempt(actor, event.params.id, result, now());
			if (recorded.kind === 'invalid')
				return fail(400, { errors: [{ field: 'result', message: text.callbackAttemptMissing }] });
			// Released or taken over meanwhile: its page is gone, the queue says why.
			if (recorded.kind === 'not_claimed')
				staffRedirect(event.locals, '/agent/callbacks?done=not_held');
			if (recorded.finished)
				staffRedirect(event.locals, `/agent/callbacks?done=${recorded.finished}`);
			if (result !== 'reached') staffRedirect(event.locals, '/agent/callbacks?done=returned');
			return { saved: true };
		}),
	finish: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			const form = await readFormWith(event, FINISH_FORM);
			const text = staffText(event.locals.locale);
			const chosen = FINISH_OUTCOMES.find((o) => form.ok && o === form.data.outcome);
			if (!chosen)
				return fail(400, { errors: [{ field: 'outcome', message: text.callbackFinishMissing }] });
			const finished = await finishCallback(actor, event.params.id, chosen, now());
			staffRedirect(event.locals, `/agent/callbacks?done=${finished ? chosen : 'not_held'}`);
		})
};
