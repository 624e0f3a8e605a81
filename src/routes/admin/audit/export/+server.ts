import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { exportAudit, SUBJECT_TYPES, type AuditSubject } from '$lib/server/audit/audit.service';
import { now } from '$lib/server/clock';
import { asStaff } from '$lib/server/http/staff-session';
import { requireRole } from '$lib/server/accounts/access';

/** The records about one subject as a JSON file (GDPR Art. 15 access request). */
export const GET: RequestHandler = (event) =>
	asStaff(event, async (actor) => {
		// Refuse before reading the request: a wrong role learns nothing, not even what is valid.
		requireRole(actor, 'admin');
		const type = event.url.searchParams.get('type') ?? '';
		const id = (event.url.searchParams.get('id') ?? '').trim().slice(0, 100);
		if (!(SUBJECT_TYPES as readonly string[]).includes(type) || !id) error(400, 'Bad request');
		const records = await exportAudit(actor, type as AuditSubject, id, now());
		return json(
			{ subject: { type, id }, records },
			{
				headers: {
					'content-disposition': `attachment; filename="audit-${type}.json"`,
					'cache-control': 'no-store'
				}
			}
		);
	});
