import { describe, expect, it } from 'vitest';
import { daysBetween, planSlots, type Rule } from './slot-plan';

const rule = (over: Partial<Rule> = {}): Rule => ({
	serviceId: 1,
	weekday: 1,
	starts: '08:00',
	ends: '10:00',
	slotMinutes: 30,
	capacity: 2,
	validFrom: '2026-01-01',
	validTo: null,
	...over
});

describe('slot plan', () => {
	it('keeps 8:00 at 8:00 Prague time across the autumn change (Mon 19 and Mon 26 Oct 2026)', () => {
		const plan = planSlots([rule()], [], '2026-10-19', '2026-10-26');
		expect(plan.slots.map((s) => s.startsAt.toISOString())).toEqual([
			'2026-10-19T06:00:00.000Z',
			'2026-10-19T06:30:00.000Z',
			'2026-10-19T07:00:00.000Z',
			'2026-10-19T07:30:00.000Z',
			'2026-10-26T07:00:00.000Z',
			'2026-10-26T07:30:00.000Z',
			'2026-10-26T08:00:00.000Z',
			'2026-10-26T08:30:00.000Z'
		]);
		expect(plan.slots[3]!.endsAt.toISOString()).toBe('2026-10-19T08:00:00.000Z');
	});

	it('plans no slot in the hour the spring change skips (29 March 2026)', () => {
		const plan = planSlots(
			[rule({ weekday: 7, starts: '01:00', ends: '04:00', slotMinutes: 60 })],
			[],
			'2026-03-29',
			'2026-03-29'
		);
		// 02:00 does not exist that night: 01:00 CET, then 03:00 CEST, one hour of real time apart.
		expect(plan.slots.map((s) => s.startsAt.toISOString())).toEqual([
			'2026-03-29T00:00:00.000Z',
			'2026-03-29T01:00:00.000Z'
		]);
	});

	it('skips Czech public holidays and closures and says so', () => {
		// Thu 24 Dec 2026 (Christmas Eve) is a public holiday; Thu 31 Dec is closed by the branch.
		const plan = planSlots(
			[rule({ weekday: 4 })],
			[{ fromDate: '2026-12-31', toDate: '2027-01-02' }],
			'2026-12-17',
			'2027-01-07'
		);
		expect(plan.holidays).toEqual(['2026-12-24']);
		expect(plan.closed).toEqual(['2026-12-31']);
		expect(new Set(plan.slots.map((s) => s.startsAt.toISOString().slice(0, 10)))).toEqual(
			new Set(['2026-12-17', '2027-01-07'])
		);
	});

	it('respects validity, never runs a slot past the end, and refuses ranges over 92 days', () => {
		const plan = planSlots(
			[rule({ validFrom: '2026-11-30', ends: '09:45', slotMinutes: 20 })],
			[],
			'2026-11-23',
			'2026-11-30'
		);
		// 8:00 to 9:45 in 20 minutes: the last slot is 9:20–9:40.
		expect(plan.slots.map((s) => s.startsAt.toISOString())).toEqual([
			'2026-11-30T07:00:00.000Z',
			'2026-11-30T07:20:00.000Z',
			'2026-11-30T07:40:00.000Z',
			'2026-11-30T08:00:00.000Z',
			'2026-11-30T08:20:00.000Z'
		]);
		expect(() => planSlots([rule()], [], '2026-01-01', '2026-06-01')).toThrow(RangeError);
		expect(() => planSlots([rule()], [], '2026-02-30', '2026-03-01')).toThrow(RangeError);
	});

	it('counts whole days between two dates, across months and the clock change', () => {
		expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
		expect(daysBetween('2026-12-31', '2027-03-01')).toBe(60);
		expect(daysBetween('2026-11-02', '2026-11-01')).toBe(-1);
		expect(daysBetween('2026-02-30', '2026-03-01')).toBeNull();
	});
});
