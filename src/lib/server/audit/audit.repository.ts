import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { auditLog } from './audit.schema';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	reason: string;
	at: Date;
}

export async function insertAudit(entry: AuditEntry): Promise<void> {
	await insertAudits([entry]);
}

export async function insertAudits(entries: AuditEntry[]): Promise<void> {
	await getDb().insert(auditLog).values(entries);
}

export async function auditForSubject(
	subjectType: string,
	subjectId: string
): Promise<AuditEntry[]> {
	return getDb()
		.select({
			actorId: auditLog.actorId,
			action: auditLog.action,
			subjectType: auditLog.subjectType,
			subjectId: auditLog.subjectId,
			reason: auditLog.reason,
			at: auditLog.at
		})
		.from(auditLog)
		.where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
		.orderBy(asc(auditLog.at), asc(auditLog.id));
}

/** Everything recorded about an id, whatever its type (a search by internal id). */
export async function auditForId(subjectId: string): Promise<AuditEntry[]> {
	return getDb()
		.select({
			actorId: auditLog.actorId,
			action: auditLog.action,
			subjectType: auditLog.subjectType,
			subjectId: auditLog.subjectId,
			reason: auditLog.reason,
			at: auditLog.at
		})
		.from(auditLog)
		.where(eq(auditLog.subjectId, subjectId))
		.orderBy(asc(auditLog.at), asc(auditLog.id));
}
