import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import { openContextByCode } from '$lib/server/escalation/agent-console.service';
import { callbackWorklist } from '$lib/server/escalation/callbacks.service';
import { startCase } from '$lib/server/escalation/cases.service';
import { parseContextCode } from '$lib/server/escalation/context-code';
import { CHANNELS, inList } from '$lib/server/escalation/taxonomy';
import { formText } from '$lib/server/http/form';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';
import { contextRefusal, staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const worklist = await callbackWorklist(actor, now(), staffLocale(event.locals));
		const due = worklist.filter((c) => c.due);
		return {
			waiting: due.length,
			// After a wrap-up the console offers the next callback due (issue 17 point 4).
			next: due[0] ?? null,
			done: event.url.searchParams.get('done') === 'wrapup'
		};
	});

export const actions: Actions = {
	open: (event) =>
		asStaff(event, async (actor) => {
			const code = formText(await event.request.formData(), 'code', 20);
			const result = await openContextByCode(actor, code, now(), staffLocale(event.locals));
			if (result.kind === 'opened')
				staffRedirect(event.locals, `/agent/case/${result.context.case.id}`);
			const text = staffText(event.locals.locale);
			const malformed = parseContextCode(code) === null;
			const message = malformed ? text.agentCodeMissing : contextRefusal(text, result.kind, 'code');
			const status = malformed ? 400 : result.kind === 'not_found' ? 404 : 410;
			return fail(status, { code, errors: [{ field: 'code', message }] });
		}),
	start: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			const channel = formText(await event.request.formData(), 'channel', 20);
			if (!inList(CHANNELS, channel)) {
				const message = staffText(event.locals.locale).agentBadRequest;
				return fail(400, { code: '', errors: [{ field: 'start', message }] });
			}
			const started = await startCase(actor, channel, now());
			staffRedirect(event.locals, `/agent/case/${started.id}`);
		})
};
