import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromPrague, pragueOffsetMinutes, toPrague } from './prague';

describe('Prague time', () => {
	it('reads instants in Prague time whatever the process TZ is', () => {
		expect(process.env.TZ).toBe('UTC');
		expect(toPrague(new Date('2026-01-15T07:30:00Z'))).toMatchObject({ hour: 8, minute: 30 });
		expect(toPrague(new Date('2026-07-15T06:30:00Z'))).toMatchObject({ hour: 8, minute: 30 });
	});

	it('knows the offset on both sides of the spring change (29 March 2026)', () => {
		expect(pragueOffsetMinutes(new Date('2026-03-29T00:59:00Z'))).toBe(60);
		expect(pragueOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
	});

	it('turns wall-clock times into instants across the autumn change (25 October 2026)', () => {
		expect(fromPrague(2026, 10, 24, 8, 0).toISOString()).toBe('2026-10-24T06:00:00.000Z');
		expect(fromPrague(2026, 10, 26, 8, 0).toISOString()).toBe('2026-10-26T07:00:00.000Z');
		// 02:30 happens twice; the first (summer-time) one is chosen.
		expect(fromPrague(2026, 10, 25, 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
	});

	it('reads a time in the spring gap with the winter offset', () => {
		// 02:30 on 29 March 2026 does not exist in Prague.
		expect(fromPrague(2026, 3, 29, 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
	});

	it('adds calendar days across months and gives ISO weekdays', () => {
		expect(addDays(2026, 2, 27, 2)).toEqual({ year: 2026, month: 3, day: 1, weekday: 7 });
		expect(addDays(2026, 11, 23, 0).weekday).toBe(1);
	});

	it('agrees with Intl for any instant, to the second, around every change of offset', () => {
		const intl = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Prague',
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		const expected = (d: Date) =>
			Object.fromEntries(
				intl
					.formatToParts(d)
					.filter((p) => p.type !== 'literal')
					.map((p) => [p.type, Number(p.value)])
			);
		const change = Date.parse('2026-10-25T01:00:00Z');
		fc.assert(
			fc.property(
				fc.oneof(
					fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2040-01-01') }),
					fc.integer({ min: change - 7_200_000, max: change + 7_200_000 })
				),
				(ms) => {
					expect(toPrague(new Date(ms))).toEqual(expected(new Date(ms)));
				}
			),
			{ numRuns: 2000 }
		);
	});
});
