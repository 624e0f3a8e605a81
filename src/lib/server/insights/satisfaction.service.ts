// "How satisfied are you with this service today?" at the end of each public task: a score of
// 1–5 and an optional comment, anonymous (no address, session or link to the task's data kept).
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { scrubFreeText } from '../content/search-text';
import { limitKey, Limits } from '../rate-limit/limiter';
import { pragueDate } from '../../time/prague';
import { track } from './insights.service';
import type { Period } from './period';
import { insertSatisfactionComment, satisfactionCommentRows } from './report.repository';
import { TASKS } from './report.service';

export type SatisfactionTask = (typeof TASKS)[number];

/** One address may answer this often; a person finishes a handful of tasks an hour at most. */
const ANSWER_LIMIT = { name: 'satisfaction:addr', points: 10, durationSeconds: 3600 };
const COMMENT_MAX = 500;

export interface SatisfactionInput {
	task: string;
	score: string;
	comment: string;
}

export type SatisfactionField = 'score' | 'comment';

export type SatisfactionResult =
	| { kind: 'recorded'; task: SatisfactionTask }
	| { kind: 'invalid'; fields: SatisfactionField[] }
	| { kind: 'throttled'; retryAfterSeconds: number };

export const isTask = (value: string): value is SatisfactionTask =>
	(TASKS as readonly string[]).includes(value);

export async function answerSatisfaction(
	input: SatisfactionInput,
	who: { clientAddress: string; secret: string; locale: string; now: Date }
): Promise<SatisfactionResult> {
	const score = Number(input.score);
	const fields: SatisfactionField[] = [];
	if (!/^[1-5]$/.test(input.score)) fields.push('score');
	if (input.comment.length > COMMENT_MAX) fields.push('comment');
	if (fields.length > 0 || !isTask(input.task)) return { kind: 'invalid', fields };
	const limit = await new Limits([ANSWER_LIMIT]).consume({
		'satisfaction:addr': limitKey(who.secret, 'satisfaction', who.clientAddress)
	});
	if (!limit.allowed) return { kind: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	track('satisfaction', who.locale, { task: input.task, score });
	const comment = scrubFreeText(input.comment, COMMENT_MAX);
	if (comment) {
		await insertSatisfactionComment({
			day: pragueDate(who.now),
			task: input.task,
			locale: who.locale,
			score,
			comment
		});
	}
	return { kind: 'recorded', task: input.task };
}

export interface SatisfactionComment {
	day: string;
	task: string;
	locale: string;
	score: number;
	comment: string;
}

/** The comments of a period, by task and language; analysts and admins, audited. */
export async function satisfactionComments(
	actor: Actor | null,
	period: Period,
	task: string | null,
	locale: string | null,
	now: Date
): Promise<SatisfactionComment[]> {
	const analyst = requireRole(actor, 'analyst', 'admin');
	await audit(
		analyst,
		{
			action: 'insights.comments',
			subjectType: 'report',
			subjectId: `${period.from}/${period.to}`,
			reason: '/insights/comments'
		},
		now
	);
	return satisfactionCommentRows(period, task && isTask(task) ? task : null, locale, 500);
}
