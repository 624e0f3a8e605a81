import type { PageServerLoad } from './$types';
import { exportAudit, SUBJECT_TYPES, type AuditSubject } from '$lib/server/audit/audit.service';
import { now } from '$lib/server/clock';
import { asStaff } from '$lib/server/http/staff-session';
import { requireRole } from '$lib/server/accounts/access';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		requireRole(actor, 'admin');
		const type = event.url.searchParams.get('type') ?? '';
		const id = (event.url.searchParams.get('id') ?? '').trim().slice(0, 100);
		const subject =
			(SUBJECT_TYPES as readonly string[]).includes(type) && id
				? { type: type as AuditSubject, id }
				: null;
		return {
			types: [...SUBJECT_TYPES],
			subject,
			records: subject ? await exportAudit(actor, subject.type, subject.id, now()) : null
		};
	});
