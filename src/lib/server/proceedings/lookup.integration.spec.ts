import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../db';
import { seedDemoData } from '../db/seed';
import { usageEvents } from '../insights/insights.schema';
import { flushUsageEvents } from '../insights/insights.service';
import { solvedProof } from '../testing/proof';
import { ENGINES, createTestDatabase, testDatabaseFor } from '../testing/test-database';
import { lookupStatus, type LookupRequest } from './proceedings.service';

const NOW = new Date('2026-11-24T09:30:00Z');
const SECRET = 'test-secret-0123456789abcdef0123456789';
/** A demo proceeding of the seed (seed-data.ts): preliminarily assessed positively. */
const KNOWN = { number: 51727, serial: null, typeCode: 'DP' as const, year: 2026 };

const request = (over: Partial<LookupRequest> = {}): LookupRequest => ({
	number: KNOWN,
	birthDate: '1990-03-27',
	clientAddress: '198.51.100.7',
	locale: 'uk',
	now: NOW,
	secret: SECRET,
	...over
});

describe.each(ENGINES)('status lookup on %s', (engine) => {
	const t = testDatabaseFor(engine);
	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 20 });
	});

	it('finds a proceeding by number and date of birth, ignoring the serial typed', async () => {
		const result = await lookupStatus(request({ number: { ...KNOWN, serial: 9 } }));
		expect(result.kind).toBe('found');
		if (result.kind !== 'found') return;
		expect(result.proceeding.number).toBe('OAM-51727-4/DP-2026');
		expect(result.proceeding.status.stage).toBe('preliminary_positive');
		expect(result.proceeding.status.clock).toMatchObject({
			day: 55,
			limitDays: 60,
			state: 'running'
		});
		expect(result.proceeding.nextSteps).toContainEqual({ kind: 'book', service: 'biometrics' });
	});

	it('answers a wrong date of birth exactly like an unknown number', async () => {
		const wrongBirth = await lookupStatus(
			request({ birthDate: '1990-03-28', clientAddress: '198.51.100.8' })
		);
		const unknown = await lookupStatus(
			request({ number: { ...KNOWN, number: 999_998 }, clientAddress: '198.51.100.8' })
		);
		expect(wrongBirth).toEqual({ kind: 'not_found' });
		expect(unknown).toEqual(wrongBirth);
	});

	it('throttles the 11th guess for one number from one address, and the right answer too', async () => {
		const address = '203.0.113.50';
		for (let i = 1; i <= 10; i++) {
			expect(
				(
					await lookupStatus(
						request({ clientAddress: address, birthDate: `1990-01-${String(i).padStart(2, '0')}` })
					)
				).kind
			).toBe('not_found');
		}
		const eleventh = await lookupStatus(
			request({ clientAddress: address, birthDate: '1990-02-01' })
		);
		expect(eleventh.kind).toBe('throttled');
		if (eleventh.kind === 'throttled') expect(eleventh.retryAfterSeconds).toBeGreaterThan(3000);
		expect((await lookupStatus(request({ clientAddress: address }))).kind).toBe('throttled');
		// Another address is not affected.
		expect((await lookupStatus(request({ clientAddress: '203.0.113.51' }))).kind).toBe('found');
	});

	it("a stranger's wrong dates of birth never lock out the right one; guessing stays bounded", async () => {
		// Its own proceeding (the others' tests keep theirs): 10002/TP-2026, born 1979-06-15.
		const own = (over: Partial<LookupRequest>) =>
			request({
				number: { number: 10002, serial: null, typeCode: 'TP' as const, year: 2026 },
				birthDate: '1979-06-15',
				...over
			});
		// 40 wrong dates from 8 addresses (5 each, under the per-address limits): the per-number
		// limit (30) is full for everyone.
		for (let i = 0; i < 40; i++) {
			const wrong = await lookupStatus(
				own({
					clientAddress: `192.0.2.${100 + (i % 8)}`,
					birthDate: `1980-01-${String(1 + (i % 28)).padStart(2, '0')}`
				})
			);
			expect(wrong.kind).toBe(i < 30 ? 'not_found' : 'throttled');
		}
		// The person, from their own address: asked for a proof of work (the page's widget), and
		// with one they get their status — the right date of birth is slowed down, never locked.
		const person = { clientAddress: '203.0.113.200' };
		expect(await lookupStatus(own(person))).toMatchObject({
			kind: 'throttled',
			proofRequired: true
		});
		const proof = await solvedProof(SECRET);
		expect((await lookupStatus(own({ ...person, proof }))).kind).toBe('found');
		// A proof is spent once.
		expect((await lookupStatus(own({ ...person, proof }))).kind).toBe('throttled');
		// Still bounded: every further guess costs a proof, and one address gets 10 per number.
		const guesser = { clientAddress: '192.0.2.200' };
		expect(await lookupStatus(own({ ...guesser, birthDate: '1970-02-01' }))).toMatchObject({
			kind: 'throttled',
			proofRequired: true
		});
		for (let i = 2; i <= 10; i++) {
			const proven = await lookupStatus(
				own({
					...guesser,
					birthDate: `1970-02-${String(i).padStart(2, '0')}`,
					proof: await solvedProof(SECRET)
				})
			);
			expect(proven.kind).toBe('not_found');
		}
		const eleventh = await lookupStatus(
			own({ ...guesser, birthDate: '1970-03-01', proof: await solvedProof(SECRET) })
		);
		expect(eleventh).toMatchObject({ kind: 'throttled', proofRequired: false });
	});

	it('never throttles honest repeat lookups: only failed attempts count', async () => {
		for (let i = 0; i < 15; i++) {
			expect((await lookupStatus(request({ clientAddress: '203.0.113.60' }))).kind).toBe('found');
		}
	});

	it('a success between guesses does not reset the count of failed attempts', async () => {
		const address = '203.0.113.70';
		const guess = (i: number) =>
			lookupStatus(
				request({ clientAddress: address, birthDate: `1991-01-${String(i).padStart(2, '0')}` })
			);
		for (let i = 1; i <= 9; i++) expect((await guess(i)).kind).toBe('not_found');
		expect((await lookupStatus(request({ clientAddress: address }))).kind).toBe('found');
		expect((await guess(10)).kind).toBe('not_found');
		expect((await guess(11)).kind).toBe('throttled');
		expect((await lookupStatus(request({ clientAddress: address }))).kind).toBe('throttled');
	});

	it('records anonymous usage events with no number or date of birth', async () => {
		// Queued beside the answer and written in batches.
		// Independent of the other tests: three lookups of its own, counted from what was there.
		const lookups = () =>
			t.db
				.select()
				.from(usageEvents)
				.where(eq(usageEvents.kind, 'status_lookup'))
				.orderBy(usageEvents.id);
		await flushUsageEvents();
		const before = (await lookups()).length;
		const here = { clientAddress: '203.0.113.90' };
		expect((await lookupStatus(request(here))).kind).toBe('found');
		expect((await lookupStatus(request({ ...here, birthDate: '1990-03-28' }))).kind).toBe(
			'not_found'
		);
		await flushUsageEvents();
		expect(await lookups()).toHaveLength(before + 2);
		const rows = await lookups();
		const text = JSON.stringify(rows);
		expect(text).not.toContain('51727');
		expect(text).not.toContain('1990-03-27');
		expect(text).not.toContain('203.0.113');
		const outcomes = new Set(rows.slice(before).map((r) => r.facets?.outcome));
		expect(outcomes).toEqual(new Set(['found', 'not_found']));
	});
});

describe.skipIf(!ENGINES.includes('postgres'))('throttling under concurrency on PostgreSQL', () => {
	it('64 simultaneous guesses from one address for one number: exactly 10 reach the database', async () => {
		const t = await createTestDatabase('postgres');
		useDatabase(t);
		try {
			await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 5 });
			const results = await Promise.all(
				Array.from({ length: 64 }, (_, i) =>
					lookupStatus(
						request({
							clientAddress: '192.0.2.99',
							birthDate: `1980-01-${String((i % 28) + 1).padStart(2, '0')}`
						})
					)
				)
			);
			const kinds = results.map((r) => r.kind);
			expect(kinds.filter((k) => k === 'not_found')).toHaveLength(10);
			expect(kinds.filter((k) => k === 'throttled')).toHaveLength(54);
			await flushUsageEvents();
			await expect
				.poll(async () => {
					const [row] = await t.db
						.select({ n: count() })
						.from(usageEvents)
						.where(eq(usageEvents.kind, 'status_lookup'));
					return row?.n;
				})
				.toBe(64);
		} finally {
			await t.dispose();
		}
	});
});
