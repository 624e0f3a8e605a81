import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/access';
import { AccessDenied } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { seedDemoData } from '../db/seed';
import { fromPrague } from '../../time/prague';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import {
	editorView,
	listForEditor,
	previewEdit,
	publishEdit,
	type EditRequest
} from './content-editor.service';
import { getChecklist, loadChecklistsFromFiles, searchChecklists } from './content.service';

const NOW = new Date('2026-11-24T10:00:00Z');

describe.each(ENGINES)('editing checklists on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let editor: Actor;
	let agent: Actor;

	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 2 });
		await loadChecklistsFromFiles(t.db, 'content');
		const [row] = await t.db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.email, 'redaktor@pobyt.demo'));
		editor = {
			userId: row!.id,
			displayName: 'Editor',
			roles: new Set(['content_editor']),
			branchIds: []
		};
		agent = { ...editor, roles: new Set(['agent', 'admin']) };
	});

	async function editRequest(over: Partial<EditRequest> = {}): Promise<EditRequest> {
		const view = (await editorView(editor, 'employee-card', 'en', NOW))!;
		const texts = structuredClone(view.texts);
		texts.title = 'Employee card – applying for the first time';
		texts.items[0]!.why = 'Edited reason.';
		return {
			slug: 'employee-card',
			baseVersion: view.base.version,
			locale: 'en',
			texts,
			effectiveFrom: '2027-01-01',
			lastReviewed: '2026-11-24',
			...over
		};
	}

	it('refuses everyone but content editors, admins and agents included, and the signed-out', async () => {
		await expect(listForEditor(agent, 'cs', NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(listForEditor(null, 'cs', NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(editorView(agent, 'employee-card', 'cs', NOW)).rejects.toBeInstanceOf(
			AccessDenied
		);
		await expect(previewEdit(agent, await editRequest())).rejects.toBeInstanceOf(AccessDenied);
		await expect(publishEdit(agent, await editRequest(), NOW)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('previews an edit without storing it', async () => {
		const preview = await previewEdit(editor, await editRequest());
		expect(preview?.title).toBe('Employee card – applying for the first time');
		expect(preview?.items[0]?.why).toBe('Edited reason.');
		expect((await editorView(editor, 'employee-card', 'en', NOW))!.history).toHaveLength(2);
	});

	it('publishes a future-dated version that takes over on its date, only in the edited locale, and audits it', async () => {
		const result = await publishEdit(editor, await editRequest(), NOW);
		expect(result).toEqual({ kind: 'published', version: 3, effectiveFrom: '2027-01-01' });

		const before = await getChecklist('employee-card', 'en', fromPrague(2026, 12, 31, 23, 59));
		expect(before?.version).toBe(2);
		expect(before?.title).toBe('Employee card – first application');
		const after = await getChecklist('employee-card', 'en', fromPrague(2027, 1, 1, 0, 0));
		expect(after?.version).toBe(3);
		expect(after?.title).toBe('Employee card – applying for the first time');
		// Other locales keep their texts.
		const cs = await getChecklist('employee-card', 'cs', fromPrague(2027, 1, 1, 0, 0));
		expect(cs?.title).toBe('Zaměstnanecká karta – žádost o vydání');
		// The new text is searchable once in force.
		const found = await searchChecklists('applying first time', 'en', fromPrague(2027, 1, 2, 9, 0));
		expect(found[0]?.slug).toBe('employee-card');

		const view = (await editorView(editor, 'employee-card', 'en', NOW))!;
		expect(view.inForce).toBe(2);
		expect(view.history.map((h) => [h.version, h.publishedBy])).toEqual([
			[3, 'Karel Redaktor'],
			[2, null],
			[1, null]
		]);
		const list = await listForEditor(editor, 'en', NOW);
		expect(list.find((e) => e.slug === 'employee-card')?.scheduled).toEqual([
			{ version: 3, effectiveFrom: '2027-01-01' }
		]);
		const records = await t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'checklist.publish'));
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({ actorId: editor.userId, subjectId: 'employee-card@3' });
	});

	it('tells the second of two editors starting from the same version to reload', async () => {
		const stale = await editRequest({ baseVersion: 1 });
		expect(await publishEdit(editor, stale, NOW)).toEqual({ kind: 'conflict' });
		expect(await publishEdit(editor, { ...stale, slug: 'no-such' }, NOW)).toEqual({
			kind: 'not_found'
		});
	});
});
