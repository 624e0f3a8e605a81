import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import { openContextByCode } from '$lib/server/escalation/agent-console.service';
import { callbackWorklist } from '$lib/server/escalation/callbacks.service';
import { startCase } from '$lib/server/escalation/cases.service';
import { parseContextCode } from '$lib/server/escalation/context-code';
import { CHANNELS, inList } from '$lib/server/escalation/taxonomy';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
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

const CODE_FORM = v.object({ code: text(20) });
const START_FORM = v.object({ channel: text(20) });

export const actions: Actions = {
	open: (event) =>
		asStaff(event, async (actor) => {
			const form = await readFormWith(event, CODE_FORM);
			const code = form.values.code;
			if (!form.ok) {
				const message = staffText(event.locals.locale).formControl;
				return fail(400, { code, errors: [{ field: 'code', message }] });
			}
			const result = await openContextByCode(actor, code, now(), staffLocale(event.locals));
			if (result.kind === 'opened')
				staffRedirect(event.locals, `/agent/case/${result.context.case.id}`);
			const text = staffText(event.locals.locale);
			if (result.kind === 'throttled') {
				event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				const message = text.throttled(Math.max(1, Math.ceil(result.retryAfterSeconds / 60)));
				return fail(429, { code, errors: [{ field: 'code', message }] });
			}
			const malformed = parseContextCode(code) === null;
			const message = malformed ? text.agentCodeMissing : contextRefusal(text, result.kind, 'code');
			const status = malformed ? 400 : result.kind === 'not_found' ? 404 : 410;
			return fail(status, { code, errors: [{ field: 'code', message }] });
		}),
	start: (event) =>
		asStaff(event, async (actor) => {
			requireRole(actor, 'agent');
			const form = await readFormWith(event, START_FORM);
			const channel = form.ok ? form.data.channel : '';
			if (!inList(CHANNELS, channel)) {
				const message = staffText(event.locals.locale).agentBadRequest;
				return fail(400, { code: '', errors: [{ field: 'start', message }] });
			}
			const started = await startCase(actor, channel, now());
			staffRedirect(event.locals, `/agent/case/${started.id}`);
		})
};
