import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { now } from '$lib/server/clock';
import { formText } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { answerSatisfaction, isTask } from '$lib/server/insights/satisfaction.service';

/** The question on a page of its own (a link, or after an error), for one task. */
export const load: PageServerLoad = ({ url }) => {
	const task = url.searchParams.get('task') ?? '';
	if (!isTask(task)) error(404, 'Not found');
	return { task };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = {
			task: formText(form, 'task'),
			score: formText(form, 'score'),
			comment: String(form.get('comment') ?? '')
		};
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
