import { describe, expect, it } from 'vitest';
import {
	ImportFailedError,
	importEvents,
	isFeedAuthorized,
	MAX_BATCH_BYTES,
	MAX_BATCH_LINES,
	parseBatch,
	proceedingFacts
} from './import.service';
import {
	identityKey,
	type ApplyResult,
	type LineError,
	type RegistryBatch,
	type RegistryEvent,
	type RegistryEventStore
} from './registry';

const NOW = new Date('2026-11-24T10:00:00Z');

const good = {
	id: 'evt-1',
	proceeding: 'OAM-51727-4/DP-2026',
	kind: 'filed',
	occurredAt: '2026-10-01T09:00:00+02:00',
	birthDate: '1990-05-17'
};
const line = (overrides: Record<string, unknown> = {}): string =>
	JSON.stringify({ ...good, ...overrides });

function errorsOf(text: string): LineError[] {
	const batch = parseBatch(text, NOW);
	if (!batch.ok) throw new Error(batch.error);
	return batch.errors;
}
const errorOf = (overrides: Record<string, unknown>): string[] =>
	errorsOf(line(overrides)).map((e) => e.error);

/** Keeps events in memory as the database would: each external id once. */
class MemoryStore implements RegistryEventStore {
	readonly events = new Map<string, RegistryEvent>();
	readonly known = new Set<string>();
	async applyBatch(batch: RegistryBatch): Promise<ApplyResult> {
		const unknownProceedings = batch.proceedings
			.filter((p) => p.creation === null && !this.known.has(identityKey(p.identity)))
			.map((p) => p.identity);
		if (unknownProceedings.length > 0) return { ok: false, unknownProceedings };
		for (const p of batch.proceedings) this.known.add(identityKey(p.identity));
		const inserted = batch.events.filter((e) => !this.events.has(e.externalId));
		for (const e of inserted) this.events.set(e.externalId, e);
		return {
			ok: true,
			insertedExternalIds: inserted.map((e) => e.externalId),
			changedProceedingIds: []
		};
	}
}

describe('reading a batch of registry events', () => {
	it('turns a valid line into a typed event', () => {
		const batch = parseBatch(
			line({ complex: true, details: { reason: 'documents_requested', deadline: '2026-12-01' } }),
			NOW
		);
		expect(batch).toEqual({
			ok: true,
			received: 1,
			errors: [],
			lines: [
				{
					line: 1,
					event: {
						externalId: 'evt-1',
						proceeding: { number: 51727, serial: 4, typeCode: 'DP', year: 2026 },
						kind: 'filed',
						occurredAt: new Date('2026-10-01T07:00:00Z'),
						birthDate: '1990-05-17',
						complex: true,
						details: { reason: 'documents_requested', deadline: '2026-12-01' }
					}
				}
			]
		});
	});

	it('ignores blank lines but counts them in line numbers, and accepts CRLF and a BOM', () => {
		const text = `\uFEFF${line()}\r\n\r\n   \r\n${line({ id: 'evt-2', kind: 'nope' })}\r\n`;
		const batch = parseBatch(text, NOW);
		expect(batch.ok && batch.received).toBe(2);
		expect(batch.ok && batch.errors).toEqual([{ line: 4, error: 'kind_unknown' }]);
	});

	it('refuses a line that is not JSON, or not an object', () => {
		expect(errorsOf(`${line()}\n{"id": "evt-2"\n[1, 2]\n"text"\nnull`)).toEqual([
			{ line: 2, error: 'not_json' },
			{ line: 3, error: 'not_object' },
			{ line: 4, error: 'not_object' },
			{ line: 5, error: 'not_object' }
		]);
	});

	it('refuses an unknown or missing kind', () => {
		expect(errorOf({ kind: 'closed' })).toEqual(['kind_unknown']);
		expect(errorOf({ kind: 'FILED' })).toEqual(['kind_unknown']);
		expect(errorOf({ kind: undefined })).toEqual(['kind_missing']);
	});

	it('says what is wrong with the proceeding number', () => {
		expect(errorOf({ proceeding: 'OAM-51727-4/XY-2026' })).toEqual(['proceeding_unknown_type']);
		expect(errorOf({ proceeding: 'OAM-51727-4/DP-2027' })).toEqual(['proceeding_bad_year']);
		expect(errorOf({ proceeding: 'OAM-1234567/DP-2026' })).toEqual(['proceeding_number_too_long']);
		expect(errorOf({ proceeding: '' })).toEqual(['proceeding_empty']);
		expect(errorOf({ proceeding: 51727 })).toEqual(['proceeding_invalid']);
		expect(errorOf({ proceeding: undefined })).toEqual(['proceeding_missing']);
	});

	it('takes the current year from the clock, in Prague', () => {
		// 00:30 on 1 January 2027 in Prague is still 2026 in UTC.
		const newYear = new Date('2026-12-31T23:30:00Z');
		const batch = parseBatch(
			line({ proceeding: '1/DP-2027', occurredAt: '2026-12-31T23:10:00Z' }),
			newYear
		);
		expect(batch.ok && batch.errors).toEqual([]);
	});

	it('refuses an id that is missing, null, empty, not text or longer than 100 characters', () => {
		expect(errorOf({ id: undefined })).toEqual(['id_missing']);
		expect(errorOf({ id: null })).toEqual(['id_invalid']);
		expect(errorOf({ id: '' })).toEqual(['id_invalid']);
		expect(errorOf({ id: 42 })).toEqual(['id_invalid']);
		expect(errorOf({ id: 'x'.repeat(101) })).toEqual(['id_invalid']);
		expect(errorOf({ id: 'x'.repeat(100) })).toEqual([]);
	});

	it('needs an ISO 8601 instant with an offset, on a real date', () => {
		for (const occurredAt of [
			'2026-10-01T09:00:00.123Z',
			'2026-10-01T09:00+01:00',
			'2026-10-01T09:00:00-05:30'
		]) {
			expect(errorOf({ occurredAt }), occurredAt).toEqual([]);
		}
		for (const occurredAt of [
			'2026-10-01T09:00:00',
			'2026-10-01',
			'2026-02-31T09:00:00Z',
			'2026-10-01T24:00:00Z',
			'1 October 2026',
			null,
			1790000000000
		]) {
			expect(errorOf({ occurredAt }), String(occurredAt)).toEqual(['occurred_at_invalid']);
		}
	});

	it('needs the time of the event', () => {
		expect(errorOf({ occurredAt: undefined })).toEqual(['occurred_at_missing']);
	});

	it('refuses an event more than a day in the future', () => {
		expect(errorOf({ occurredAt: '2026-11-25T10:00:00Z' })).toEqual([]);
		expect(errorOf({ occurredAt: '2026-11-25T10:00:01Z' })).toEqual(['occurred_at_future']);
		expect(errorOf({ occurredAt: '2027-01-01T00:00:00+01:00' })).toEqual(['occurred_at_future']);
	});

	it('checks the birth date: YYYY-MM-DD, a real day, not in the future', () => {
		expect(errorOf({ birthDate: undefined })).toEqual([]);
		expect(errorOf({ birthDate: null })).toEqual([]);
		expect(errorOf({ birthDate: '2000-02-29' })).toEqual([]);
		expect(errorOf({ birthDate: '2001-02-29' })).toEqual(['birth_date_invalid']);
		expect(errorOf({ birthDate: '17.05.1990' })).toEqual(['birth_date_invalid']);
		expect(errorOf({ birthDate: '1890-01-01' })).toEqual(['birth_date_invalid']);
		expect(errorOf({ birthDate: '2026-11-24' })).toEqual([]);
		expect(errorOf({ birthDate: '2026-11-25' })).toEqual(['birth_date_future']);
	});

	it('checks the complex flag and the details', () => {
		expect(errorOf({ complex: 'yes' })).toEqual(['complex_invalid']);
		expect(errorOf({ details: { reason: 'x' } })).toEqual([]);
		expect(errorOf({ details: { days: 30 } })).toEqual(['details_invalid']);
		expect(errorOf({ details: ['a'] })).toEqual(['details_invalid']);
		expect(errorOf({ details: { reason: 'x'.repeat(501) } })).toEqual(['details_invalid']);
		expect(errorOf({ details: { deadline: '2026-13-01' } })).toEqual(['details_deadline_invalid']);
		// The purpose picks the time limit of a type code with several (legal-deadlines.ts).
		expect(errorOf({ details: { purpose: 'family' } })).toEqual([]);
		expect(errorOf({ details: { purpose: 'holiday' } })).toEqual(['details_purpose_invalid']);
	});

	it('lists every problem of a line', () => {
		expect(errorOf({ id: '', kind: 'x', occurredAt: 'soon' })).toEqual([
			'id_invalid',
			'kind_unknown',
			'occurred_at_invalid'
		]);
	});

	it('refuses two different birth dates for one proceeding', () => {
		const text = [
			line(),
			line({ id: 'evt-2', proceeding: '51727/dp/2026', birthDate: '1990-05-18' }),
			line({ id: 'evt-3', birthDate: '1990-05-17' })
		].join('\n');
		expect(errorsOf(text)).toEqual([{ line: 2, error: 'birth_date_conflict' }]);
	});

	it('refuses a batch of more than 10,000 lines or 5 MB before reading its lines', () => {
		const many = Array.from({ length: MAX_BATCH_LINES + 1 }, () => '{}').join('\n');
		expect(parseBatch(many, NOW)).toEqual({ ok: false, error: 'too_many_lines' });
		const limit = Array.from({ length: MAX_BATCH_LINES }, () => '{}').join('\n\n');
		expect(parseBatch(limit, NOW).ok).toBe(true);
		const big = line({ details: { note: 'x'.repeat(MAX_BATCH_BYTES) } });
		expect(parseBatch(big, NOW)).toEqual({ ok: false, error: 'too_large' });
	});
});

describe('what a batch says about each proceeding', () => {
	const events = (...overrides: Record<string, unknown>[]): RegistryEvent[] => {
		const batch = parseBatch(overrides.map((o, i) => line({ id: `e${i}`, ...o })).join('\n'), NOW);
		if (!batch.ok || batch.errors.length > 0) throw new Error(JSON.stringify(batch));
		return batch.lines.map((l) => l.event);
	};

	it('lists each proceeding once, creatable only with a birth date', () => {
		const facts = proceedingFacts(
			events(
				{ proceeding: '1/DP-2026', birthDate: undefined },
				{ proceeding: 'OAM-1-5/DP-2026', birthDate: '1990-05-17' },
				{ proceeding: '2/DP-2026', birthDate: undefined }
			)
		);
		expect(facts).toEqual([
			{
				identity: { number: 1, typeCode: 'DP', year: 2026 },
				creation: { serial: 5, birthDate: '1990-05-17' },
				complex: null
			},
			{ identity: { number: 2, typeCode: 'DP', year: 2026 }, creation: null, complex: null }
		]);
	});

	it('takes the complex flag from the event that happened last, not the last line', () => {
		const facts = proceedingFacts(
			events(
				{ occurredAt: '2026-10-20T08:00:00Z', complex: true },
				{ occurredAt: '2026-10-10T08:00:00Z', complex: false },
				{ occurredAt: '2026-10-30T08:00:00Z' }
			)
		);
		expect(facts.map((f) => f.complex)).toEqual([true]);
	});
});

describe('importing a batch', () => {
	it('applies a valid batch and counts duplicates', async () => {
		const store = new MemoryStore();
		const text = [line(), line({ id: 'evt-2', kind: 'suspended', birthDate: undefined })].join(
			'\n'
		);
		const first = await importEvents(text, NOW, store);
		expect(first.status === 'applied' && first.report).toEqual({
			ok: true,
			received: 2,
			applied: 2,
			duplicates: 0,
			errors: []
		});
		const again = await importEvents(text, NOW, store);
		expect(again.status === 'applied' && again.report).toMatchObject({ applied: 0, duplicates: 2 });
		expect([...store.events.keys()]).toEqual(['evt-1', 'evt-2']);
	});

	it('stores nothing when any line is invalid', async () => {
		const store = new MemoryStore();
		const text = [line(), 'oops', line({ id: 'evt-3', occurredAt: '2030-01-01T00:00:00Z' })].join(
			'\n'
		);
		const result = await importEvents(text, NOW, store);
		expect(result).toEqual({
			status: 'invalid',
			report: {
				ok: false,
				received: 3,
				applied: 0,
				duplicates: 0,
				errors: [
					{ line: 2, error: 'not_json' },
					{ line: 3, error: 'occurred_at_future' }
				]
			}
		});
		expect(store.events.size).toBe(0);
	});

	it('reports every line of a proceeding the store does not know', async () => {
		const store = new MemoryStore();
		const text = [
			line({ id: 'a', proceeding: '1/DP-2026', birthDate: undefined }),
			line({ id: 'b', proceeding: '2/DP-2026' }),
			line({ id: 'c', proceeding: 'OAM-1-3/DP-2026', kind: 'resumed', birthDate: undefined })
		].join('\n');
		const result = await importEvents(text, NOW, store);
		expect(result.status === 'invalid' && result.report.errors).toEqual([
			{ line: 1, error: 'unknown_proceeding' },
			{ line: 3, error: 'unknown_proceeding' }
		]);
		expect(store.events.size).toBe(0);
	});

	it('refuses an oversized batch as a whole', async () => {
		const store = new MemoryStore();
		const text = Array.from({ length: MAX_BATCH_LINES + 1 }, (_, i) => line({ id: `e${i}` })).join(
			'\n'
		);
		expect(await importEvents(text, NOW, store)).toEqual({
			status: 'rejected',
			error: 'too_many_lines'
		});
		expect(store.events.size).toBe(0);
	});

	it('keeps the database error out of the message: drizzle quotes every parameter', async () => {
		const failing: RegistryEventStore = {
			applyBatch: () =>
				Promise.reject(
					Object.assign(new Error('Failed query: insert ... params: 51727,DP,2026,1990-05-17'), {
						cause: Object.assign(new Error('deadlock detected'), { code: '40P01' })
					})
				)
		};
		const error = await importEvents(line(), NOW, failing).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportFailedError);
		expect((error as ImportFailedError).code).toBe('40P01');
		expect(String((error as Error).message)).not.toMatch(/1990|51727/);
		expect((error as Error).cause).toBeUndefined();
	});

	it('accepts an empty batch without touching the store', async () => {
		const store = new MemoryStore();
		const result = await importEvents('\n\n', NOW, store);
		expect(result.status === 'applied' && result.report).toEqual({
			ok: true,
			received: 0,
			applied: 0,
			duplicates: 0,
			errors: []
		});
	});
});

describe('the feed key', () => {
	const KEY = 'k'.repeat(40);

	it('accepts the configured key as a bearer token', () => {
		expect(isFeedAuthorized(`Bearer ${KEY}`, KEY)).toBe(true);
		expect(isFeedAuthorized(`bearer ${KEY}`, KEY)).toBe(true);
	});

	it('refuses a missing, wrong, shortened or differently sent key', () => {
		expect(isFeedAuthorized(null, KEY)).toBe(false);
		expect(isFeedAuthorized('', KEY)).toBe(false);
		expect(isFeedAuthorized('Bearer ', KEY)).toBe(false);
		expect(isFeedAuthorized(`Bearer ${KEY.slice(1)}`, KEY)).toBe(false);
		expect(isFeedAuthorized(`Bearer ${KEY}x`, KEY)).toBe(false);
		expect(isFeedAuthorized(`Basic ${KEY}`, KEY)).toBe(false);
		expect(isFeedAuthorized(KEY, KEY)).toBe(false);
	});
});
