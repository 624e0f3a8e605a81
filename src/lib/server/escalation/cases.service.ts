// What agents record about a conversation (a "case"): topics from a fixed list, an outcome,
// notes, problem flags. Every action is audited; the statistics get the lists' values only.
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { track } from '../insights/insights.service';
import { UUID_PATTERN } from '../security/tokens';
import { OPEN_REASONS, toCaseView, type CaseView } from './agent-console.service';
import { findContext } from './contexts.repository';
import {
	ensureCase,
	findCase,
	insertFlag,
	insertNote,
	updateOutcome,
	updateTopics
} from './cases.repository';
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

export async function addCaseNote(
	actor: Actor | null,
	caseId: string,
	body: string,
	now: Date
): Promise<CaseActionResult> {
	const text = body.trim();
	requireRole(actor, 'agent');
	if (text === '' || [...text].length > NOTE_MAX) return { kind: 'invalid' };
	return act(actor, caseId, 'case.note', now, (agent) =>
		insertNote(caseId, agent.userId, text, now)
	);
}

/** Replaces the case's topics (from `TOPICS`, each once, in the list's order). */
export async function setCaseTopics(
	actor: Actor | null,
	caseId: string,
	topics: readonly string[],
	now: Date
): Promise<CaseActionResult> {
	requireRole(actor, 'agent');
	if (!topics.every((t) => inList(TOPICS, t))) return { kind: 'invalid' };
	const chosen = TOPICS.filter((t) => topics.includes(t));
	return act(actor, caseId, 'case.topics', now, () => updateTopics(caseId, chosen));
}

/**
 * Records how the conversation ended. The anonymous count is taken once per case (the first
 * outcome), one event per topic, so a corrected outcome does not count twice.
 */
export async function recordCaseOutcome(
	actor: Actor | null,
	caseId: string,
	outcome: string,
	now: Date
): Promise<CaseActionResult> {
	requireRole(actor, 'agent');
	if (!inList(OUTCOMES, outcome)) return { kind: 'invalid' };
	return act(actor, caseId, 'case.outcome', now, async (agent, topics) => {
		const previous = await updateOutcome(caseId, outcome as Outcome, agent.userId, now);
		if (previous !== null) return;
		for (const topic of topics.length > 0 ? topics : ['none'])
			track('escalation_outcome', null, { topic, outcome });
	});
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
