// The access records from what a person knows (issue 11 point 10): a GDPR access request starts
// from an e-mail, a booking reference, a proceeding number or a staff e-mail, not from internal
// ids. Each is resolved to subjects through the domain that owns them; every subject whose
// records are shown is audited as an export, like the JSON download.
import { requireRole, type Actor } from '../accounts/access';
import { staffNames, staffUserIdsByEmail } from '../accounts/users.service';
import { bookingsFor } from '../booking/bookings.service';
import { isEmailAddress } from '../mail/email-address';
import { formatProceedingNumber, parseProceedingNumber } from '../proceedings/proceeding-number';
import { proceedingIdFor } from '../proceedings/proceedings.service';
import { UUID_PATTERN } from '../security/tokens';
import { auditForId, auditForSubject, type AuditEntry } from './audit.repository';
import { auditEach, SUBJECT_TYPES, type AuditSubject } from './audit.service';

export type AuditQueryKind = 'email' | 'reference' | 'proceeding' | 'id';

export interface AuditRecordView {
	at: Date;
	/** Who: the staff member's name and e-mail, or null for the system. */
	actor: string | null;
	action: string;
	reason: string;
}

export interface AuditSubjectView {
	type: AuditSubject;
	id: string;
	/** What the admin searched for it by: the e-mail, the reference, the number, or the id. */
	label: string;
	records: AuditRecordView[];
}

export type AuditSearchResult =
	{ kind: 'found'; query: AuditQueryKind; subjects: AuditSubjectView[] } | { kind: 'unreadable' };

const BOOKING_REFERENCE = /^[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}$/;

/** The subjects a typed identifier names, through the domains that own them. */
async function resolve(typed: string): Promise<{
	query: AuditQueryKind;
	subjects: { type: AuditSubject; id: string; label: string }[];
} | null> {
	if (UUID_PATTERN.test(typed)) return { query: 'id', subjects: [] };
	if (isEmailAddress(typed)) {
		const [staff, bookings] = await Promise.all([
			staffUserIdsByEmail(typed),
			bookingsFor({ email: typed })
		]);
		return {
			query: 'email',
			subjects: [
				...staff.map((id) => ({ type: 'staff_user' as const, id, label: typed })),
				...bookings.map((b) => ({ type: 'booking' as const, id: b.id, label: b.reference }))
			]
		};
	}
	const number = parseProceedingNumber(typed);
	if (number.ok) {
		const id = await proceedingIdFor(number.value);
		const label = formatProceedingNumber(number.value);
		return { query: 'proceeding', subjects: id ? [{ type: 'proceeding', id, label }] : [] };
	}
	if (BOOKING_REFERENCE.test(typed)) {
		const bookings = await bookingsFor({ reference: typed });
		return {
			query: 'reference',
			subjects: bookings.map((b) => ({ type: 'booking' as const, id: b.id, label: b.reference }))
		};
	}
	return null;
}

/**
 * Every access record about the subjects a typed e-mail, booking reference, proceeding number or
 * internal id names (optionally of one type). Admins only; audited per subject.
 */
export async function searchAudit(
	actor: Actor | null,
	typedQuery: string,
	onlyType: AuditSubject | null,
	at: Date
): Promise<AuditSearchResult> {
	const admin = requireRole(actor, 'admin');
	const typed = typedQuery.trim();
	const resolved = await resolve(typed);
	if (!resolved) return { kind: 'unreadable' };

	let found: { type: AuditSubject; id: string; label: string; entries: AuditEntry[] }[];
	if (resolved.query === 'id') {
		const entries = await auditForId(typed.toLowerCase());
		found = SUBJECT_TYPES.map((type) => ({
			type,
			id: typed.toLowerCase(),
			label: typed.toLowerCase(),
			entries: entries.filter((e) => e.subjectType === type)
		})).filter((s) => s.entries.length > 0);
	} else {
		found = await Promise.all(
			resolved.subjects.map(async (s) => ({ ...s, entries: await auditForSubject(s.type, s.id) }))
		);
	}
	if (onlyType) found = found.filter((s) => s.type === onlyType);

	const actorIds = [...new Set(found.flatMap((s) => s.entries.flatMap((e) => e.actorId ?? [])))];
	const names = new Map(
		(await staffNames(actorIds)).map((n) => [n.id, `${n.displayName} (${n.email})`])
	);
	await auditEach(
		admin,
		found.map((s) => ({
			action: 'audit.export',
			subjectType: s.type,
			subjectId: s.id,
			reason: '/admin/audit'
		})),
		at
	);
	return {
		kind: 'found',
		query: resolved.query,
		subjects: found.map((s) => ({
			type: s.type,
			id: s.id,
			label: s.label,
			records: s.entries.map((e) => ({
				at: e.at,
				actor: e.actorId ? (names.get(e.actorId) ?? e.actorId) : null,
				action: e.action,
				reason: e.reason
			}))
		}))
	};
}
