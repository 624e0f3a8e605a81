import { asc, eq, sql } from 'drizzle-orm';
import { staffUsers } from '../accounts/accounts.schema';
import { getDb } from '../db';
import { caseFlags, caseNotes, hotlineCases } from './cases.schema';
import type { EscalationChannel, Flag, Outcome, Topic } from './taxonomy';

/**
 * The case of a context (or of a callback without one), created by the first agent who opens
 * it: one statement, so two agents opening the same context at once share one case.
 */
export async function ensureCase(input: {
	contextId: string | null;
	callbackId: string | null;
	channel: EscalationChannel;
	openedBy: string;
	openedAt: Date;
}): Promise<string> {
	// A context opened again (the usual case) already has its case: read it, write nothing.
	if (input.contextId) {
		const [existing] = await getDb()
			.select({ id: hotlineCases.id, callbackId: hotlineCases.callbackId })
			.from(hotlineCases)
			.where(eq(hotlineCases.contextId, input.contextId));
		if (existing && (input.callbackId === null || existing.callbackId !== null)) return existing.id;
	}
	const insert = getDb().insert(hotlineCases).values(input);
	const [row] = input.contextId
		? await insert
				.onConflictDoUpdate({
					target: hotlineCases.contextId,
					set: { callbackId: sql`coalesce(${hotlineCases.callbackId}, excluded.callback_id)` }
				})
				.returning({ id: hotlineCases.id })
		: input.callbackId
			? await insert
					.onConflictDoUpdate({
						target: hotlineCases.callbackId,
						set: { callbackId: sql`excluded.callback_id` }
					})
					.returning({ id: hotlineCases.id })
			: await insert.returning({ id: hotlineCases.id });
	return row!.id;
}

export interface CaseRecord {
	id: string;
	contextId: string | null;
	channel: EscalationChannel;
	openedAt: Date;
	topics: Topic[];
	outcome: Outcome | null;
	notes: { at: Date; agent: string; body: string }[];
	flags: Flag[];
}

export async function findCase(id: string): Promise<CaseRecord | null> {
	const db = getDb();
	const [head] = await db
		.select({
			id: hotlineCases.id,
			contextId: hotlineCases.contextId,
			channel: hotlineCases.channel,
			openedAt: hotlineCases.openedAt,
			topics: hotlineCases.topics,
			outcome: hotlineCases.outcome
		})
		.from(hotlineCases)
		.where(eq(hotlineCases.id, id));
	if (!head) return null;
	const notes = await db
		.select({ at: caseNotes.at, agent: staffUsers.displayName, body: caseNotes.body })
		.from(caseNotes)
		.innerJoin(staffUsers, eq(staffUsers.id, caseNotes.agentId))
		.where(eq(caseNotes.caseId, id))
		.orderBy(asc(caseNotes.at), asc(caseNotes.id));
	const flags = await db
		.select({ flag: caseFlags.flag })
		.from(caseFlags)
		.where(eq(caseFlags.caseId, id))
		.orderBy(asc(caseFlags.id));
	return {
		...head,
		channel: head.channel as EscalationChannel,
		topics: head.topics as Topic[],
		outcome: head.outcome as Outcome | null,
		notes,
		flags: flags.map((f) => f.flag as Flag)
	};
}

/**
 * The end of a call in one transaction (issue 17 point 4): the topics, the outcome and, when
 * given, a note, all or nothing. Returns the outcome it replaced (null the first time).
 */
export async function wrapUp(
	caseId: string,
	record: { topics: Topic[]; outcome: Outcome; note: string | null; by: string; at: Date }
): Promise<Outcome | null> {
	return getDb().transaction(async (tx) => {
		const [before] = await tx
			.select({ outcome: hotlineCases.outcome })
			.from(hotlineCases)
			.where(eq(hotlineCases.id, caseId))
			.for('update');
		await tx
			.update(hotlineCases)
			.set({
				topics: record.topics,
				outcome: record.outcome,
				outcomeBy: record.by,
				outcomeAt: record.at
			})
			.where(eq(hotlineCases.id, caseId));
		if (record.note)
			await tx
				.insert(caseNotes)
				.values({ caseId, agentId: record.by, body: record.note, at: record.at });
		return (before?.outcome ?? null) as Outcome | null;
	});
}

/** True when this call added the flag (each kind once per case). */
export async function insertFlag(
	caseId: string,
	flag: Flag,
	agentId: string,
	at: Date
): Promise<boolean> {
	const rows = await getDb()
		.insert(caseFlags)
		.values({ caseId, flag, agentId, at })
		.onConflictDoNothing()
		.returning({ id: caseFlags.id });
	return rows.length === 1;
}
