import { count, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database } from '../db';
import { openPostgres } from '../db/client';
import {
	ENGINES,
	createTestDatabase,
	testDatabaseFor,
	type TestDatabase
} from '../testing/test-database';
import { registryEventStore } from './import.repository';
import { importEvents, MAX_BATCH_LINES, type ImportResult } from './import.service';
import type { EventKind } from './proceeding-number';
import { deriveStatus } from './proceeding-status';
import { proceedingEvents, proceedings } from './proceedings.schema';

const NOW = new Date('2026-11-24T10:00:00Z');

let nextNumber = 100_000;
/** A proceeding number no other test uses. */
const freshNumber = (): { text: string; number: number } => {
	const number = nextNumber++;
	return { text: `OAM-${number}-2/DP-2026`, number };
};

interface LineFields {
	id: string;
	proceeding: string;
	kind: EventKind | string;
	occurredAt: string;
	birthDate?: string;
	complex?: boolean;
	details?: Record<string, string>;
}
const batch = (...lines: LineFields[]): string => lines.map((l) => JSON.stringify(l)).join('\n');

function applied(result: ImportResult): Extract<ImportResult, { status: 'applied' }> {
	if (result.status !== 'applied')
		throw new Error(`expected applied, got ${JSON.stringify(result)}`);
	return result;
}

describe.each(ENGINES)('importing registry events on %s', (engine) => {
	const t = testDatabaseFor(engine);

	const findProceeding = async (number: number) =>
		(await t.db.select().from(proceedings).where(eq(proceedings.number, number)))[0];
	const eventsWithPrefix = async (prefix: string) =>
		t.db
			.select()
			.from(proceedingEvents)
			.where(like(proceedingEvents.externalId, `${prefix}%`))
			.orderBy(proceedingEvents.occurredAt);

	it('creates a proceeding from a filed event that carries the birth date', async () => {
		const p = freshNumber();
		const result = applied(
			await importEvents(
				batch({
					id: 'new-1',
					proceeding: p.text,
					kind: 'filed',
					occurredAt: '2026-10-01T09:00:00+02:00',
					birthDate: '1990-05-17',
					complex: true
				}),
				NOW
			)
		);

		expect(result.report).toEqual({ ok: true, received: 1, applied: 1, duplicates: 0, errors: [] });
		const row = await findProceeding(p.number);
		expect(row).toMatchObject({
			serial: 2,
			typeCode: 'DP',
			year: 2026,
			birthDate: '1990-05-17',
			complex: true
		});
		expect(result.changes).toEqual({
			insertedExternalIds: ['new-1'],
			changedProceedingIds: [row!.id]
		});
		const events = await eventsWithPrefix('new-');
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			proceedingId: row!.id,
			kind: 'filed',
			occurredAt: new Date('2026-10-01T07:00:00Z'),
			details: null
		});
	});

	it('changes nothing when the same batch arrives again', async () => {
		const p = freshNumber();
		const text = batch(
			{
				id: 'again-1',
				proceeding: p.text,
				kind: 'filed',
				occurredAt: '2026-09-01T08:00:00Z',
				birthDate: '1985-01-31'
			},
			{
				id: 'again-2',
				proceeding: p.text,
				kind: 'suspended',
				occurredAt: '2026-09-10T08:00:00Z',
				details: { reason: 'documents_requested', deadline: '2026-12-01' }
			}
		);
		const first = applied(await importEvents(text, NOW));
		expect(first.report).toMatchObject({ applied: 2, duplicates: 0 });
		const [before] = await t.db.select({ n: count() }).from(proceedingEvents);

		const second = applied(await importEvents(text, NOW));
		expect(second.report).toEqual({ ok: true, received: 2, applied: 0, duplicates: 2, errors: [] });
		expect(second.changes).toEqual({ insertedExternalIds: [], changedProceedingIds: [] });
		const [after] = await t.db.select({ n: count() }).from(proceedingEvents);
		expect(after?.n).toBe(before?.n);
		const [proceedingCount] = await t.db
			.select({ n: count() })
			.from(proceedings)
			.where(eq(proceedings.number, p.number));
		expect(proceedingCount?.n).toBe(1);
		expect((await eventsWithPrefix('again-'))[1]?.details).toEqual({
			reason: 'documents_requested',
			deadline: '2026-12-01'
		});
	});

	it('counts an event repeated inside one batch once', async () => {
		const p = freshNumber();
		const line: LineFields = {
			id: 'twice-1',
			proceeding: p.text,
			kind: 'filed',
			occurredAt: '2026-09-01T08:00:00Z',
			birthDate: '1985-01-31'
		};
		const result = applied(await importEvents(batch(line, line), NOW));
		expect(result.report).toMatchObject({ received: 2, applied: 1, duplicates: 1 });
		expect(await eventsWithPrefix('twice-')).toHaveLength(1);
	});

	it('stores events that arrive out of order, and the status follows their dates', async () => {
		const p = freshNumber();
		applied(
			await importEvents(
				batch(
					{
						id: 'ooo-3',
						proceeding: p.text,
						kind: 'approved',
						occurredAt: '2026-08-20T10:00:00Z',
						birthDate: '1979-12-24'
					},
					{ id: 'ooo-1', proceeding: p.text, kind: 'filed', occurredAt: '2026-06-01T10:00:00Z' }
				),
				NOW
			)
		);
		// The suspension from before the decision arrives in a later batch.
		const late = applied(
			await importEvents(
				batch({
					id: 'ooo-2',
					proceeding: p.text,
					kind: 'suspended',
					occurredAt: '2026-07-01T10:00:00Z'
				}),
				NOW
			)
		);
		const row = await findProceeding(p.number);
		expect(late.changes.changedProceedingIds).toEqual([row!.id]);

		const events = await eventsWithPrefix('ooo-');
		expect(events.map((e) => e.externalId)).toEqual(['ooo-1', 'ooo-2', 'ooo-3']);
		const status = deriveStatus(
			events.map((e) => ({
				kind: e.kind as EventKind,
				occurredAt: e.occurredAt,
				details: e.details
			})),
			{ typeCode: row!.typeCode, complex: row!.complex },
			NOW
		);
		expect(status.stage).toBe('approved');
		expect(status.clock).toMatchObject({ state: 'finished', pausedDays: 50, day: 30 });
	});

	it('applies nothing when one line is bad, and lists every bad line', async () => {
		const p = freshNumber();
		const text = [
			JSON.stringify({
				id: 'bad-1',
				proceeding: p.text,
				kind: 'filed',
				occurredAt: '2026-10-01T08:00:00Z',
				birthDate: '1990-01-01'
			}),
			'',
			JSON.stringify({
				id: 'bad-2',
				proceeding: p.text,
				kind: 'closed',
				occurredAt: '2026-10-02T08:00:00Z'
			}),
			'{"id": "bad-3",',
			JSON.stringify({
				id: 'bad-4',
				proceeding: p.text,
				kind: 'resumed',
				occurredAt: '2026-10-03T08:00:00Z'
			})
		].join('\n');

		const result = await importEvents(text, NOW);

		expect(result).toEqual({
			status: 'invalid',
			report: {
				ok: false,
				received: 4,
				applied: 0,
				duplicates: 0,
				errors: [
					{ line: 3, error: 'kind_unknown' },
					{ line: 4, error: 'not_json' }
				]
			}
		});
		expect(await eventsWithPrefix('bad-')).toEqual([]);
		expect(await findProceeding(p.number)).toBeUndefined();
	});

	it('refuses events for an unknown proceeding without a birth date, and applies nothing', async () => {
		const known = freshNumber();
		const unknown = freshNumber();
		const text = batch(
			{
				id: 'unk-1',
				proceeding: known.text,
				kind: 'filed',
				occurredAt: '2026-10-01T08:00:00Z',
				birthDate: '1990-01-01'
			},
			{
				id: 'unk-2',
				proceeding: unknown.text,
				kind: 'suspended',
				occurredAt: '2026-10-02T08:00:00Z'
			},
			{ id: 'unk-3', proceeding: unknown.text, kind: 'resumed', occurredAt: '2026-10-03T08:00:00Z' }
		);

		const result = await importEvents(text, NOW);

		expect(result.status).toBe('invalid');
		expect(result.status === 'invalid' && result.report.errors).toEqual([
			{ line: 2, error: 'unknown_proceeding' },
			{ line: 3, error: 'unknown_proceeding' }
		]);
		expect(await eventsWithPrefix('unk-')).toEqual([]);
		expect(await findProceeding(known.number)).toBeUndefined();
		expect(await findProceeding(unknown.number)).toBeUndefined();
	});

	it('takes the complex flag from the latest event, and reports a proceeding changed only when it did', async () => {
		const p = freshNumber();
		const created = applied(
			await importEvents(
				batch({
					id: 'cx-1',
					proceeding: p.text,
					kind: 'filed',
					occurredAt: '2026-10-01T08:00:00Z',
					birthDate: '1990-01-01'
				}),
				NOW
			)
		);
		const id = created.changes.changedProceedingIds[0];
		expect((await findProceeding(p.number))?.complex).toBe(false);

		const flagged = applied(
			await importEvents(
				batch(
					{
						id: 'cx-3',
						proceeding: p.text,
						kind: 'biometrics_taken',
						occurredAt: '2026-10-20T08:00:00Z',
						complex: true
					},
					{
						id: 'cx-2',
						proceeding: p.text,
						kind: 'resumed',
						occurredAt: '2026-10-10T08:00:00Z',
						complex: false
					}
				),
				NOW
			)
		);
		expect(flagged.changes.changedProceedingIds).toEqual([id]);
		expect((await findProceeding(p.number))?.complex).toBe(true);

		// Already complex, and the event is a duplicate: nothing changed.
		const same = applied(
			await importEvents(
				batch({
					id: 'cx-3',
					proceeding: p.text,
					kind: 'biometrics_taken',
					occurredAt: '2026-10-20T08:00:00Z',
					complex: true
				}),
				NOW
			)
		);
		expect(same.changes.changedProceedingIds).toEqual([]);
	});

	it('stores a full batch of 10,000 lines for 2,000 proceedings', async () => {
		const lines: LineFields[] = [];
		for (let p = 0; p < 2000; p++) {
			const { text } = freshNumber();
			for (let e = 0; e < 5; e++) {
				lines.push({
					id: `full-${p}-${e}`,
					proceeding: text,
					kind: e === 0 ? 'filed' : 'biometrics_taken',
					occurredAt: new Date(Date.UTC(2026, 8, 1 + e)).toISOString(),
					birthDate: '1990-01-01',
					complex: e === 4
				});
			}
		}
		expect(lines).toHaveLength(MAX_BATCH_LINES);

		const result = applied(await importEvents(batch(...lines), NOW));

		expect(result.report).toMatchObject({ applied: MAX_BATCH_LINES, duplicates: 0 });
		expect(result.changes.changedProceedingIds).toHaveLength(2000);
		expect(await eventsWithPrefix('full-')).toHaveLength(MAX_BATCH_LINES);
	});

	it('keeps the birth date it was created with', async () => {
		const p = freshNumber();
		applied(
			await importEvents(
				batch({
					id: 'bd-1',
					proceeding: p.text,
					kind: 'filed',
					occurredAt: '2026-10-01T08:00:00Z',
					birthDate: '1990-01-01'
				}),
				NOW
			)
		);
		applied(
			await importEvents(
				batch({
					id: 'bd-2',
					proceeding: p.text,
					kind: 'suspended',
					occurredAt: '2026-10-05T08:00:00Z',
					birthDate: '1991-01-01'
				}),
				NOW
			)
		);
		expect((await findProceeding(p.number))?.birthDate).toBe('1990-01-01');
		expect(await eventsWithPrefix('bd-')).toHaveLength(2);
	});
});

describe.skipIf(!ENGINES.includes('postgres'))('concurrent imports on PostgreSQL', () => {
	let t: TestDatabase;
	let second: Database;
	beforeAll(async () => {
		t = await createTestDatabase('postgres');
		second = openPostgres(t.url!);
	});
	afterAll(async () => {
		await second.close();
		await t.dispose();
	});

	/** 20 new proceedings with `perProceeding` events each, and a known one that becomes complex. */
	async function bigBatch(
		prefix: string,
		perProceeding = 10
	): Promise<{ lines: LineFields[]; ids: string[]; numbers: number[] }> {
		const known = freshNumber();
		await importEvents(
			batch({
				id: `${prefix}-known-0`,
				proceeding: known.text,
				kind: 'filed',
				occurredAt: '2026-09-01T08:00:00Z',
				birthDate: '1970-03-03'
			}),
			NOW,
			registryEventStore(t.db)
		);
		const lines: LineFields[] = [
			{
				id: `${prefix}-known-1`,
				proceeding: known.text,
				kind: 'suspended',
				occurredAt: '2026-09-05T08:00:00Z',
				complex: true
			}
		];
		const numbers: number[] = [];
		for (let p = 0; p < 20; p++) {
			const { text, number } = freshNumber();
			numbers.push(number);
			for (let e = 0; e < perProceeding; e++) {
				lines.push({
					id: `${prefix}-${p}-${e}`,
					proceeding: text,
					kind: e === 0 ? 'filed' : 'biometrics_taken',
					occurredAt: new Date(Date.UTC(2026, 9, 1, 8, e)).toISOString(),
					birthDate: '1990-01-01'
				});
			}
		}
		return { lines, ids: lines.map((l) => l.id), numbers };
	}

	async function storedOnce(ids: string[]): Promise<number> {
		const [row] = await t.db
			.select({ n: count() })
			.from(proceedingEvents)
			.where(inArray(proceedingEvents.externalId, ids));
		return row?.n ?? -1;
	}

	it('two connections importing the same batch at once store each event exactly once', async () => {
		const { lines, ids, numbers } = await bigBatch('race');
		const text = batch(...lines);

		const results = await Promise.all([
			importEvents(text, NOW, registryEventStore(t.db)),
			importEvents(text, NOW, registryEventStore(second.db)),
			importEvents(text, NOW, registryEventStore(second.db))
		]);

		const reports = results.map((r) => applied(r).report);
		expect(reports.reduce((sum, r) => sum + r.applied, 0)).toBe(lines.length);
		expect(reports.every((r) => r.applied + r.duplicates === lines.length)).toBe(true);
		expect(await storedOnce(ids)).toBe(lines.length);
		const [created] = await t.db
			.select({ n: count() })
			.from(proceedings)
			.where(inArray(proceedings.number, numbers));
		expect(created?.n).toBe(20);
	});

	it('overlapping batches in opposite orders both finish (no deadlock) and store each event once', async () => {
		const { lines } = await bigBatch('cross', 250);
		// With the proceedings already there (and no flag to update), both transactions go straight
		// to inserting events, the second in the opposite order.
		const filed = lines.filter((l) => l.kind === 'filed');
		applied(await importEvents(batch(...filed), NOW, registryEventStore(t.db)));
		const rest = lines.filter((l) => l.kind === 'biometrics_taken');

		const results = await Promise.all([
			importEvents(batch(...rest), NOW, registryEventStore(t.db)),
			importEvents(batch(...[...rest].reverse()), NOW, registryEventStore(second.db))
		]);

		expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
		expect(await storedOnce(rest.map((l) => l.id))).toBe(rest.length);
	});
});
