import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { Actor } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import { openCase } from '$lib/server/escalation/agent-console.service';
import {
	addCaseNote,
	flagCase,
	NOTE_MAX,
	recordCaseOutcome,
	setCaseTopics,
	type CaseActionResult
} from '$lib/server/escalation/cases.service';
import { sendChecklistLink } from '$lib/server/escalation/checklist-mail.service';
import { FLAGS, OUTCOMES, TOPICS } from '$lib/server/escalation/taxonomy';
import * as v from 'valibot';
import { readFormWith, text, many } from '$lib/server/http/form';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const opened = await openCase(actor, event.params.id, now(), staffLocale(event.locals));
		if (opened.kind === 'not_found') error(404, 'Not found');
		return {
			case: opened.case,
			context: opened.context,
			contextClosed: opened.contextClosed,
			lists: { topics: TOPICS, outcomes: OUTCOMES, flags: FLAGS }
		};
	});

type CaseForm = 'note' | 'topics' | 'outcome' | 'flag';

const CASE_FORM = v.object({
	note: text(NOTE_MAX + 100, { multiline: true }),
	topic: many(60, 50),
	outcome: text(40),
	flag: text(40)
});
type CaseData = v.InferOutput<typeof CASE_FORM>;
const MAIL_FORM = v.object({ email: text(300) });

/** One case form: read it, call its service, map the result (the field's message on `invalid`). */
function caseAction(
	form: CaseForm,
	run: (actor: Actor, id: string, data: CaseData) => Promise<CaseActionResult>,
	invalid: (text: ReturnType<typeof staffText>) => string
) {
	return (event: RequestEvent) =>
		asStaff(event, async (actor) => {
			const read = await readFormWith(event, CASE_FORM);
			const note = read.values.note;
			if (!read.ok) {
				const message = staffText(event.locals.locale).formControl;
				return fail(400, { form, note, errors: [{ field: form, message }] });
			}
			const result = await run(actor, event.params.id, read.data);
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'invalid') {
				const message = invalid(staffText(event.locals.locale));
				return fail(400, { form, note, errors: [{ field: form, message }] });
			}
			return { saved: form };
		});
}

export const actions: Actions = {
	note: caseAction(
		'note',
		(actor, id, data) => addCaseNote(actor, id, data.note, now()),
		(text) => text.caseNoteInvalid(NOTE_MAX)
	),
	topics: caseAction(
		'topics',
		(actor, id, data) => setCaseTopics(actor, id, data.topic, now()),
		(text) => text.agentBadRequest
	),
	outcome: caseAction(
		'outcome',
		(actor, id, data) => recordCaseOutcome(actor, id, data.outcome, now()),
		(text) => text.caseOutcomeMissing
	),
	flag: caseAction(
		'flag',
		(actor, id, data) => flagCase(actor, id, data.flag, now()),
		(text) => text.caseFlagMissing
	),
	mail: (event) =>
		asStaff(event, async (actor) => {
			const read = await readFormWith(event, MAIL_FORM);
			const email = read.values.email;
			if (!read.ok) {
				const message = staffText(event.locals.locale).formControl;
				return fail(400, { form: 'mail' as const, email, errors: [{ field: 'email', message }] });
			}
			const result = await sendChecklistLink(actor, event.params.id, email, now());
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'sent') return { saved: 'mail' as const };
			const text = staffText(event.locals.locale);
			const message =
				result.kind === 'invalid_email' ? text.caseMailInvalid : text.caseMailNoChecklist;
			return fail(400, { form: 'mail' as const, email, errors: [{ field: 'email', message }] });
		})
};
