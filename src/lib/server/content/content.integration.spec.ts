import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fromPrague } from '../../time/prague';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { checklists, checklistSearch, checklistVersions, searchQueries } from './content.schema';
import {
	checklistContext,
	getChecklist,
	listChecklists,
	loadChecklistsFromFiles,
	searchChecklists
} from './content.service';

const CONTENT = 'content';
const TODAY = new Date('2026-11-24T10:00:00Z');
const SLUGS = [
	'biometrics-appointment',
	'employee-card',
	'eu-blue-card',
	'family-reunification',
	'long-term-extension',
	'long-term-study',
	'permanent-residence',
	'registration-after-arrival',
	'report-change',
	'residence-card-pickup',
	'temporary-protection-extension'
];

/** A content directory with employee-card version 1 plus a version 3 from 1 March 2027. */
function contentWithSecondVersion(): string {
	const dir = mkdtempSync(join(tmpdir(), 'pobyt-content-'));
	mkdirSync(join(dir, 'checklists'));
	const v1 = JSON.parse(readFileSync(join(CONTENT, 'checklists', 'employee-card.json'), 'utf8'));
	writeFileSync(join(dir, 'checklists', 'employee-card.json'), JSON.stringify(v1));
	const v2 = structuredClone(v1);
	v2.version = 3;
	v2.effectiveFrom = '2027-03-01';
	v2.title.en = 'Employee card – version 2';
	v2.title.cs = 'Zaměstnanecká karta – verze 2';
	writeFileSync(join(dir, 'checklists', 'employee-card-v2.json'), JSON.stringify(v2));
	return dir;
}

describe.each(ENGINES)('document checklists on %s', (engine) => {
	const t = testDatabaseFor(engine);

	const counts = async () => {
		const [a] = await t.db.select({ n: count() }).from(checklists);
		const [b] = await t.db.select({ n: count() }).from(checklistVersions);
		return { checklists: a!.n, versions: b!.n };
	};

	it('loads all 11 files, and loading them again changes nothing', async () => {
		const first = await loadChecklistsFromFiles(t.db, CONTENT);
		expect([...new Set(first.inserted.map((k) => k.replace(/@\d+$/, '')))].sort()).toEqual(SLUGS);
		// Version 1 of every checklist and its corrected version 2 (issue 15).
		expect(await counts()).toEqual({ checklists: 11, versions: 22 });
		const stored = await t.db.select().from(checklistVersions);

		const second = await loadChecklistsFromFiles(t.db, CONTENT);
		expect(second.inserted).toEqual([]);
		expect(await counts()).toEqual({ checklists: 11, versions: 22 });
		expect(await t.db.select().from(checklistVersions)).toEqual(stored);
	});

	it('lists every checklist grouped by situation, in one locale', async () => {
		const groups = await listChecklists('uk', TODAY);
		expect(groups.map((g) => g.situation)).toEqual([
			'work',
			'study',
			'family',
			'permanent',
			'extend',
			'change',
			'appointment'
		]);
		const all = groups.flatMap((g) => g.checklists);
		expect(all.map((c) => c.slug).sort()).toEqual(SLUGS);
		const work = groups.find((g) => g.situation === 'work')!.checklists;
		expect(work.find((c) => c.slug === 'employee-card')?.title).toBe(
			'Картка працівника (zaměstnanecká karta) – заява про видачу'
		);
	});

	it('gives the view in the requested locale only, with no rows or other locales', async () => {
		const view = await getChecklist('employee-card', 'vi', TODAY);
		expect(view).not.toBeNull();
		expect(view!.title).toBe('Thẻ lao động (zaměstnanecká karta) – đơn xin cấp');
		expect(view!.version).toBe(2);
		expect(view!.effectiveFrom).toBe('2026-11-24');
		expect(view!.source.url).toBe('https://www.mvcr.cz/clanek/zamestnanecka-karta.aspx');
		const passport = view!.items.find((i) => i.key === 'passport')!;
		expect(passport).toEqual({
			key: 'passport',
			title: 'Hộ chiếu còn hiệu lực',
			why: 'Hộ chiếu chứng minh danh tính và quốc tịch của bạn; luôn phải xuất trình bản gốc.',
			form: { kind: 'original', translation: false, legalisation: 'none', maxAgeDays: null },
			condition: null,
			link: null,
			source: null
		});
		const fee = view!.items.find((i) => i.key === 'fee')!;
		expect(fee.title).toBe('Lệ phí hành chính 2.500 CZK bằng tem lệ phí (kolky)');
		expect(fee.source).toEqual({
			title: expect.stringContaining('634/2004'),
			url: expect.stringMatching(/^https:\/\//),
			reviewed: '2026-12-04'
		});
		const json = JSON.stringify(view);
		for (const other of ['Valid passport', 'Platný cestovní doklad', 'Дійсний', 'Действительный']) {
			expect(json).not.toContain(other);
		}
		expect(json).not.toMatch(/"(cs|en|uk|ru|vi)":/);
		expect(json).not.toMatch(/checklistId|publishedAt|"id"/);
	});

	it('answers null for an unknown slug', async () => {
		expect(await getChecklist('no-such-checklist', 'en', TODAY)).toBeNull();
	});

	it('a version with a later effective date takes over exactly on that Prague date', async () => {
		const dir = contentWithSecondVersion();
		const loaded = await loadChecklistsFromFiles(t.db, dir);
		expect(loaded.inserted).toEqual(['employee-card@3']);
		expect(await counts()).toEqual({ checklists: 11, versions: 23 });

		const lastMinuteBefore = fromPrague(2027, 2, 28, 23, 59);
		const before = await getChecklist('employee-card', 'en', lastMinuteBefore);
		expect(before?.version).toBe(2);
		expect(before?.title).toBe('Employee card – first application');

		// 23:30 UTC on 28 February is already 1 March in Prague.
		for (const at of [fromPrague(2027, 3, 1, 0, 0), new Date('2027-02-28T23:30:00Z')]) {
			const after = await getChecklist('employee-card', 'en', at);
			expect(after?.version, at.toISOString()).toBe(3);
			expect(after?.title).toBe('Employee card – version 2');
			expect(after?.effectiveFrom).toBe('2027-03-01');
		}
		const listed = await listChecklists('cs', fromPrague(2027, 3, 1, 0, 0));
		const titles = listed.flatMap((g) => g.checklists).map((c) => c.title);
		expect(titles).toContain('Zaměstnanecká karta – verze 2');
		expect(titles).toHaveLength(11);

		expect((await loadChecklistsFromFiles(t.db, dir)).inserted).toEqual([]);
	});

	it('does not offer a checklist before its first version is in force', async () => {
		expect(await getChecklist('employee-card', 'en', new Date('2023-06-30T12:00:00Z'))).toBeNull();
		expect(
			await getChecklist('employee-card', 'en', new Date('2023-07-01T12:00:00Z'))
		).not.toBeNull();
	});

	it("finds checklists by words in the reader's language, with or without diacritics", async () => {
		const cs = await searchChecklists('zamestnanecka karta', 'cs', TODAY);
		expect(cs[0]?.slug).toBe('employee-card');
		const vi = await searchChecklists('thẻ lao động', 'vi', TODAY);
		expect(vi[0]?.slug).toBe('employee-card');
		expect(vi[0]?.title).toBe('Thẻ lao động (zaměstnanecká karta) – đơn xin cấp');
		// Item texts are searched too, and the matching items are named.
		const uk = await searchChecklists('паспорт', 'uk', TODAY);
		expect(uk.length).toBeGreaterThan(3);
		const employee = uk.find((r) => r.slug === 'employee-card')!;
		expect(employee.matchedItems.length).toBeGreaterThan(0);
		expect(employee.matchedItems.join(' ').toLowerCase()).toContain('паспорт');
		// A word in another language is not searched in this one.
		expect(await searchChecklists('passport', 'uk', TODAY)).toEqual([]);
		expect(await searchChecklists('  ;; ', 'en', TODAY)).toEqual([]);
	});

	it('records every search with its result count, scrubbed of numbers and e-mail addresses', async () => {
		await searchChecklists('xylofon OAM-51727/DP-2025 jan@example.cz', 'cs', TODAY);
		await searchChecklists('Biometrick', 'ru', TODAY);
		const found = await searchChecklists('biometrick', 'cs', TODAY);
		expect(found.length).toBeGreaterThan(0);
		await expect
			.poll(async () =>
				(await t.db.select().from(searchQueries))
					.filter((r) => ['xylofon', 'biometrick'].includes(r.query))
					.map((r) => `${r.day} ${r.locale} ${r.query} ${r.resultCount}`)
					.sort()
			)
			.toEqual(
				[
					'2026-11-24 cs xylofon 0',
					'2026-11-24 ru biometrick 0',
					`2026-11-24 cs biometrick ${found.length}`
				].sort()
			);
		const stored = JSON.stringify(await t.db.select().from(searchQueries));
		expect(stored).not.toMatch(/51727|example|OAM/i);
	});

	it('rebuilds search documents missing for stored versions at the next load', async () => {
		const [employee] = await t.db
			.select({ id: checklistVersions.id })
			.from(checklistVersions)
			.innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
			.where(and(eq(checklists.slug, 'employee-card'), eq(checklistVersions.version, 2)));
		await t.db.delete(checklistSearch).where(eq(checklistSearch.versionId, employee!.id));
		expect((await searchChecklists('zamestnanecka', 'cs', TODAY)).map((r) => r.slug)).not.toContain(
			'employee-card'
		);
		await loadChecklistsFromFiles(t.db, CONTENT);
		expect((await searchChecklists('zamestnanecka', 'cs', TODAY))[0]?.slug).toBe('employee-card');
	});

	it("tells the hotline which items a caller has not ticked, in the agent's language", async () => {
		const context = await checklistContext(
			'employee-card',
			['passport', 'no-such-item'],
			'cs',
			TODAY
		);
		expect(context).not.toBeNull();
		expect(context!.title).toBe('Zaměstnanecká karta – žádost o vydání');
		expect(context!.unticked).toHaveLength(context!.total - 1);
		expect(context!.unticked.map((i) => i.key)).not.toContain('passport');
		expect(await checklistContext('no-such-checklist', [], 'cs', TODAY)).toBeNull();
	});
});
