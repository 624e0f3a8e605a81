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
import { formText } from '$lib/server/http/form';
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

/** One case form: read it, call its service, map the result (the field's message on `invalid`). */
function caseAction(
	form: CaseForm,
	run: (actor: Actor, id: string, data: FormData) => Promise<CaseActionResult>,
	invalid: (text: ReturnType<typeof staffText>) => string
) {
	return (event: RequestEvent) =>
		asStaff(event, async (actor) => {
			const data = await event.request.formData();
			const result = await run(actor, event.params.id, data);
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'invalid') {
				const message = invalid(staffText(event.locals.locale));
				return fail(400, {
					form,
					note: formText(data, 'note', NOTE_MAX + 100),
					errors: [{ field: form, message }]
				});
			}
			return { saved: form };
		});
}

export const actions: Actions = {
	note: caseAction(
		'note',
		(actor, id, data) => addCaseNote(actor, id, formText(data, 'note', NOTE_MAX + 100), now()),
		(text) => text.caseNoteInvalid(NOTE_MAX)
	),
	topics: caseAction(
		'topics',
		(actor, id, data) =>
			setCaseTopics(
				actor,
				id,
				data.getAll('topic').filter((t) => typeof t === 'string'),
				now()
			),
		(text) => text.agentBadRequest
	),
	outcome: caseAction(
		'outcome',
		(actor, id, data) => recordCaseOutcome(actor, id, formText(data, 'outcome', 40), now()),
		(text) => text.caseOutcomeMissing
	),
	flag: caseAction(
		'flag',
		(actor, id, data) => flagCase(actor, id, formText(data, 'flag', 40), now()),
		(text) => text.caseFlagMissing
	),
	mail: (event) =>
		asStaff(event, async (actor) => {
			const email = formText(await event.request.formData(), 'email', 300);
			const result = await sendChecklistLink(actor, event.params.id, email, now());
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'sent') return { saved: 'mail' as const };
			const text = staffText(event.locals.locale);
			const message =
				result.kind === 'invalid_email' ? text.caseMailInvalid : text.caseMailNoChecklist;
			return fail(400, { form: 'mail' as const, email, errors: [{ field: 'email', message }] });
		})
};
