// Issue 13, "fairness, measured": the draw as the server makes it (random public ids, a fresh
// 32-byte seed, the published order, the allocation) gives every entrant the same chance.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commitmentOf, drawKey, drawOrder } from '../../draw-order';
import { allocate, suits, type Entrant } from './allocation';

const ANY = { weekdays: [], parts: [] };
const SLOT = { slotId: 1, startsAt: new Date('2027-01-06T08:00:00Z'), seats: 3 };
/** χ² with 9 degrees of freedom: P(X > 27.877) = 0.001. */
const CHI2_9_P001 = 27.877;

const entrants = (n: number): Entrant[] =>
	Array.from({ length: n }, (_, i) => ({
		id: `entry-${i}`,
		personKey: `person-${i}`,
		// As enterDraw makes them: random, not derived from anything about the person.
		preferences: ANY,
		publicId: randomBytes(9).toString('base64url')
	})).map(({ publicId, ...e }) => ({ ...e, id: publicId }));

function drawOnce(people: Entrant[], seed: Uint8Array): Set<string> {
	const byId = new Map(people.map((p) => [p.id, p]));
	const ordered = drawOrder(
		seed,
		people.map((p) => p.id)
	).map((id) => byId.get(id)!);
	return new Set(
		allocate(ordered, [SLOT], new Map())
			.filter((a) => a.outcome === 'won')
			.map((a) => a.entryId)
	);
}

describe('the draw', () => {
	it('gives 10 entrants for 3 seats the same chance: 2,000 draws on fresh seeds, χ² p > 0.001', () => {
		const DRAWS = 2000;
		const wins = new Array<number>(10).fill(0);
		for (let d = 0; d < DRAWS; d++) {
			// Index = the order of entering; new people (and ids) every draw, as in real releases.
			const people = entrants(10);
			const won = drawOnce(people, new Uint8Array(randomBytes(32)));
			expect(won.size).toBe(3);
			people.forEach((p, i) => {
				if (won.has(p.id)) wins[i]!++;
			});
		}
		const expected = (DRAWS * 3) / 10;
		const chi2 = wins.reduce((sum, w) => sum + (w - expected) ** 2 / expected, 0);
		expect(wins.reduce((a, b) => a + b, 0)).toBe(DRAWS * 3);
		expect(chi2).toBeLessThan(CHI2_9_P001);
	});

	it('the moment of entering changes nothing: any order of arrival gives the same result', () => {
		const seed = new Uint8Array(randomBytes(32));
		const people = entrants(10);
		const result = [...drawOnce(people, seed)].sort();
		for (let i = 0; i < 20; i++) {
			const arrival = [...people].sort(() => Math.random() - 0.5);
			expect([...drawOnce(arrival, seed)].sort()).toEqual(result);
		}
	});

	it('the order is exactly the published definition: ascending HMAC-SHA256(seed, public id) as hex', () => {
		const seed = Buffer.from('00'.repeat(31) + '01', 'hex');
		const ids = ['a', 'b', 'c', 'Ωmega'];
		const keys = ids.map((id) => drawKey(seed, id));
		expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(drawOrder(seed, ids)).toEqual(
			[...ids].sort((x, y) => (drawKey(seed, x) < drawKey(seed, y) ? -1 : 1))
		);
		// Vectors computed with Python's hashlib/hmac, not with this code.
		expect(commitmentOf(seed)).toBe(
			'ec4916dd28fc4c10d78e287ca5d9cc51ee1ae73cbfde08c6b37324cbfaac8bc5'
		);
		expect(drawKey(seed, 'Ωmega')).toBe(
			'68617db7243e6ab0eb709537629d2691569020e498cb93c50973cc771583e94e'
		);
	});

	it('gives each the earliest seat that suits them, nobody two, and skips the refused', () => {
		const mon = { slotId: 1, startsAt: new Date('2027-01-04T08:00:00Z'), seats: 1 }; // Mon 9:00
		const wedPm = { slotId: 2, startsAt: new Date('2027-01-06T13:00:00Z'), seats: 2 }; // Wed 14:00
		const people: Entrant[] = [
			{ id: 'a', personKey: 'A', preferences: { weekdays: [3], parts: [] } },
			{ id: 'b', personKey: 'B', preferences: ANY },
			{ id: 'c', personKey: 'C', preferences: { weekdays: [], parts: ['morning'] } },
			{ id: 'd', personKey: 'D', preferences: ANY },
			{ id: 'e', personKey: 'E', preferences: ANY }
		];
		const result = allocate(people, [wedPm, mon], new Map([['D', 'limit' as const]]));
		expect(result.map((r) => [r.entryId, r.outcome, r.slotId])).toEqual([
			['a', 'won', 2],
			['b', 'won', 1],
			['c', 'waitlisted', null],
			['d', 'limit', null],
			['e', 'won', 2]
		]);
		expect(suits({ weekdays: [1], parts: ['morning'] }, mon.startsAt)).toBe(true);
		expect(suits({ weekdays: [1], parts: ['afternoon'] }, mon.startsAt)).toBe(false);
	});
});
