import type { PageServerLoad } from './$types';
import { searchAudit } from '$lib/server/audit/audit-search.service';
import { SUBJECT_TYPES, type AuditSubject } from '$lib/server/audit/audit.service';
import { now } from '$lib/server/clock';
import { asStaff } from '$lib/server/http/staff-session';
import { requireRole } from '$lib/server/accounts/access';
import { staffText } from '$lib/staff-text';

// A GET form: the search is a read (audited by the service), and an admin can bookmark it.
export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		requireRole(actor, 'admin');
		const params = event.url.searchParams;
		const type = params.get('type') ?? '';
		const onlyType = (SUBJECT_TYPES as readonly string[]).includes(type)
			? (type as AuditSubject)
			: null;
		const q = (params.get('q') ?? params.get('id') ?? '').trim().slice(0, 200);
		const result = q ? await searchAudit(actor, q, onlyType, now()) : null;
		return {
			types: [...SUBJECT_TYPES],
			values: { q, type: onlyType ?? '' },
			result: result?.kind === 'found' ? result : null,
			errors:
				result?.kind === 'unreadable'
					? [{ field: 'q', message: staffText(event.locals.locale).auditQueryUnreadable }]
					: []
		};
	});
