// What agents record about a conversation (a "case"): topics from a fixed list, an outcome,
// notes, problem flags. Every action is audited; the statistics get the lists' values only.
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { track } from '../insights/insights.service';
import { UUID_PATTERN } from '../security/tokens';
import { OPEN_REASONS, toCaseView, type CaseView } from './agent-console.service';
import { ensureCase, findCase, insertFlag, wrapUp } from './cases.repository';
import { findContext } from './contexts.repository';
import {
	FLAGS,
	OUTCOMES,
	TOPICS,
	inList,
	type EscalationChannel,
	type Flag,
	type Outcome,
	type Topic
} from './taxonomy';

export const NOTE_MAX = 2000;
const REASON = OPEN_REASONS.case;

export type CaseActionResult =
	{ kind: 'done'; case: CaseView } | { kind: 'not_found' } | { kind: 'invalid' };

async function act(
	actor: Actor | null,
	caseId: string,
	action: string,
	now: Date,
	change: (agent: Actor, topics: Topic[]) => Promise<void>
): Promise<CaseActionResult> {
	const agent = requireRole(actor, 'agent');
	const before = UUID_PATTERN.test(caseId) ? await findCase(caseId) : null;
	if (!before) return { kind: 'not_found' };
	await change(agent, before.topics);
	await audit(agent, { action, subjectType: 'case', subjectId: caseId, reason: REASON }, now);
	return { kind: 'done', case: toCaseView((await findCase(caseId))!) };
}

/** The caller's language on a case (from the context they shared), or null for an unknown case. */
export async function caseCaller(caseId: string): Promise<{ locale: string } | null> {
	const hotlineCase = UUID_PATTERN.test(caseId) ? await findCase(caseId) : null;
	if (!hotlineCase) return null;
	const context = hotlineCase.contextId ? await findContext({ id: hotlineCase.contextId }) : null;
	return { locale: context?.locale ?? 'cs' };
}

/** A case for a call where the caller shared nothing (for the topic and outcome counts). */
export async function startCase(
	actor: Actor | null,
	channel: EscalationChannel,
	now: Date
): Promise<CaseView> {
	const agent = requireRole(actor, 'agent');
	const id = await ensureCase({
		contextId: null,
		callbackId: null,
		channel,
		openedBy: agent.userId,
		openedAt: now
	});
	await audit(
		agent,
		{ action: 'case.start', subjectType: 'case', subjectId: id, reason: REASON },
		now
	);
	return toCaseView((await findCase(id))!);
}

/** The anonymous count of a case's first outcome, one event per topic. */
function countOutcome(outcome: Outcome, topics: readonly Topic[]): void {
	for (const topic of topics.length > 0 ? topics : ['none'])
		track('escalation_outcome', null, { topic, outcome });
}

export type WrapUpField = 'topics' | 'outcome' | 'note';
export type WrapUpResult =
	| { kind: 'done'; case: CaseView }
	| { kind: 'not_found' }
	| { kind: 'invalid'; fields: WrapUpField[] };

/**
 * Ends a call in one step (issue 17 point 4): topics, outcome and an optional note, checked
 * together and saved together (nothing half-written), audited once. The outcome is counted once
 * per case, like `recordCaseOutcome`.
 */
export async function wrapUpCase(
	actor: Actor | null,
	caseId: string,
	input: { topics: readonly string[]; outcome: string; note: string },
	now: Date
): Promise<WrapUpResult> {
	const agent = requireRole(actor, 'agent');
	const fields: WrapUpField[] = [];
	if (!input.topics.every((t) => inList(TOPICS, t))) fields.push('topics');
	if (!inList(OUTCOMES, input.outcome)) fields.push('outcome');
	const note = input.note.trim();
	if ([...note].length > NOTE_MAX) fields.push('note');
	if (fields.length > 0) return { kind: 'invalid', fields };
	if (!UUID_PATTERN.test(caseId) || !(await findCase(caseId))) return { kind: 'not_found' };
	const topics = TOPICS.filter((t) => input.topics.includes(t));
	const outcome = input.outcome as Outcome;
	const previous = await wrapUp(caseId, {
		topics,
		outcome,
		note: note || null,
		by: agent.userId,
		at: now
	});
	if (previous === null) countOutcome(outcome, topics);
	await audit(
		agent,
		{ action: 'case.wrap_up', subjectType: 'case', subjectId: caseId, reason: REASON },
		now
	);
	return { kind: 'done', case: toCaseView((await findCase(caseId))!) };
}

/** Flags a sign of a problem (scam, exploitation, misinformation, system fault), once per kind. */
export async function flagCase(
	actor: Actor | null,
	caseId: string,
	flag: string,
	now: Date
): Promise<CaseActionResult> {
	requireRole(actor, 'agent');
	if (!inList(FLAGS, flag)) return { kind: 'invalid' };
	return act(actor, caseId, 'case.flag', now, async (agent) => {
		if (await insertFlag(caseId, flag as Flag, agent.userId, now))
			track('problem_flagged', null, { flag });
	});
}
