// Who read or changed what, about whom, why and when (GDPR Art. 5(2) and 32). Append-only: the
// database refuses UPDATE, DELETE and TRUNCATE on the table (migration 0001).
import { requireRole, type Actor } from '../accounts/access';
import { auditForSubject, insertAudit, insertAudits, type AuditEntry } from './audit.repository';

export const SUBJECT_TYPES = [
	'staff_user',
	'checklist',
	'proceeding',
	'booking',
	'context',
	'branch',
	'case',
	'callback',
	'hotline_settings',
	'release',
	'report'
] as const;
export type AuditSubject = (typeof SUBJECT_TYPES)[number];

export interface AuditRecord {
	action: string;
	subjectType: AuditSubject;
	subjectId: string;
	/** The route or purpose, e.g. `/admin/users/[id]`. */
	reason: string;
}

/** One record per read of personal data or change, written by the service that does it. */
export async function audit(actor: Actor, record: AuditRecord, at: Date): Promise<void> {
	await insertAudit({ actorId: actor.userId, ...record, at });
}

/** One record per subject read at once (e.g. the day's appointment list), in one insert. */
export async function auditEach(actor: Actor, records: AuditRecord[], at: Date): Promise<void> {
	if (records.length > 0)
		await insertAudits(records.map((r) => ({ actorId: actor.userId, ...r, at })));
}

/** Everything recorded about one subject (a person's data export); admins only, and audited. */
export async function exportAudit(
	actor: Actor | null,
	subjectType: AuditSubject,
	subjectId: string,
	at: Date
): Promise<AuditEntry[]> {
	const admin = requireRole(actor, 'admin');
	const entries = await auditForSubject(subjectType, subjectId);
	await audit(
		admin,
		{ action: 'audit.export', subjectType, subjectId, reason: '/admin/audit' },
		at
	);
	return entries;
}
