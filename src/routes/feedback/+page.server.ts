import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { answerSatisfaction, isTask } from '$lib/server/insights/satisfaction.service';

/** The question on a page of its own (a link, or after an error), for one task. */
export const load: PageServerLoad = ({ url }) => {
	const task = url.searchParams.get('task') ?? '';
	if (!isTask(task)) error(404, 'Not found');
	return { task };
};

// The comment is cut well above its own limit, so that a long one is refused by the service.
const FEEDBACK_FORM = v.object({
	task: text(30),
	score: text(5),
	comment: text(20_000, { multiline: true })
});

export const actions: Actions = {
	default: async (event) => {
		const read = await readFormWith(event, FEEDBACK_FORM);
		const values = read.values;
		if (!read.ok) {
			const errors = read.errors.map((e) => ({ field: e.field, message: m.guard_control() }));
			return fail(400, { values, errors });
		}
		if (!isTask(values.task)) return fail(400, { values, errors: [] });
		const who = requesterOf(event);
		const result = await answerSatisfaction(values, {
			clientAddress: who.clientAddress,
			secret: who.secret,
			locale: who.locale,
			now: now()
		});
		if (result.kind === 'invalid') {
			return fail(400, {
				values,
				errors: result.fields.map((field) => ({
					field,
					message:
						field === 'score'
							? m.insights_satisfaction_score_missing()
							: m.insights_satisfaction_comment_long()
				}))
			});
		}
		if (result.kind === 'throttled') {
			return fail(429, {
				values,
				errors: [{ field: 'score', message: m.insights_satisfaction_throttled() }]
			});
		}
		return { done: true };
	}
};
