import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { openCase } from '$lib/server/escalation/agent-console.service';
import { flagCase, NOTE_MAX, wrapUpCase } from '$lib/server/escalation/cases.service';
import { sendChecklistLink } from '$lib/server/escalation/checklist-mail.service';
import { FLAGS, OUTCOMES, TOPICS } from '$lib/server/escalation/taxonomy';
import * as v from 'valibot';
import { many, readFormWith, text } from '$lib/server/http/form';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const opened = await openCase(actor, event.params.id, now(), staffLocale(event.locals));
		if (opened.kind === 'not_found') error(404, 'Not found');
		const at = now();
		return {
			// The call timer starts from the case's opening (the server's clock, not the browser's).
			elapsedSeconds: Math.max(
				0,
				Math.floor((at.getTime() - opened.case.openedAt.getTime()) / 1000)
			),
			sharedMinutes: opened.context
				? Math.max(0, Math.floor((at.getTime() - opened.context.createdAt.getTime()) / 60_000))
				: 0,
			case: opened.case,
			context: opened.context,
			contextClosed: opened.contextClosed,
			lists: { topics: TOPICS, outcomes: OUTCOMES, flags: FLAGS }
		};
	});

const WRAPUP_FORM = v.object({
	topic: many(60, 50),
	outcome: text(40),
	note: text(NOTE_MAX + 100, { multiline: true })
});
const FLAG_FORM = v.object({ flag: text(40) });
const MAIL_FORM = v.object({ email: text(300) });

/** Control characters in a case form: refused by the field (the page shows it there). */
function controlErrors(locals: App.Locals, errors: { field: string }[]) {
	const message = staffText(locals.locale).formControl;
	return errors.map((e) => ({ field: e.field === 'topic' ? 'topics' : e.field, message }));
}

export const actions: Actions = {
	// The end of the call: topics, outcome and a note saved together, then an empty console.
	wrapup: (event) =>
		asStaff(event, async (actor) => {
			const read = await readFormWith(event, WRAPUP_FORM);
			if (!read.ok)
				return fail(400, {
					form: 'wrapup' as const,
					note: read.values.note,
					topics: read.values.topic,
					errors: controlErrors(event.locals, read.errors)
				});
			const { topic: topics, outcome, note } = read.data;
			const result = await wrapUpCase(actor, event.params.id, { topics, outcome, note }, now());
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'invalid') {
				const text = staffText(event.locals.locale);
				const messages = {
					topics: text.agentBadRequest,
					outcome: text.caseOutcomeMissing,
					note: text.caseNoteInvalid(NOTE_MAX)
				};
				return fail(400, {
					form: 'wrapup' as const,
					note,
					topics,
					errors: result.fields.map((field) => ({ field, message: messages[field] }))
				});
			}
			staffRedirect(event.locals, '/agent?done=wrapup');
		}),
	flag: (event) =>
		asStaff(event, async (actor) => {
			const read = await readFormWith(event, FLAG_FORM);
			if (!read.ok)
				return fail(400, {
					form: 'flag' as const,
					errors: controlErrors(event.locals, read.errors)
				});
			const result = await flagCase(actor, event.params.id, read.data.flag, now());
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'invalid') {
				const message = staffText(event.locals.locale).caseFlagMissing;
				return fail(400, { form: 'flag' as const, errors: [{ field: 'flag', message }] });
			}
			return { saved: 'flag' as const };
		}),
	mail: (event) =>
		asStaff(event, async (actor) => {
			const read = await readFormWith(event, MAIL_FORM);
			if (!read.ok)
				return fail(400, {
					form: 'mail' as const,
					email: read.values.email,
					errors: controlErrors(event.locals, read.errors)
				});
			const email = read.data.email;
			const result = await sendChecklistLink(actor, event.params.id, email, now());
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'sent') return { saved: 'mail' as const };
			const text = staffText(event.locals.locale);
			const message =
				result.kind === 'invalid_email' ? text.caseMailInvalid : text.caseMailNoChecklist;
			return fail(400, { form: 'mail' as const, email, errors: [{ field: 'email', message }] });
		})
};
