import { describe, expect, it } from 'vitest';
import type { EventKind } from './proceeding-number';
import { deriveStatus, type ProceedingEvent } from './proceeding-status';

const ev = (
	kind: EventKind,
	iso: string,
	details: Record<string, string> | null = null
): ProceedingEvent => ({
	kind,
	occurredAt: new Date(iso),
	details
});
const NOW = new Date('2026-11-24T10:00:00Z');
/** The employee card: 60 days, 90 in complex cases (legal-deadlines.ts). */
const ZK = { typeCode: 'ZK', complex: false };
const ZK_COMPLEX = { typeCode: 'ZK', complex: true };

describe('status from dated events', () => {
	it('is processing from filing, with the clock running: day N of 60', () => {
		const s = deriveStatus([ev('filed', '2026-10-01T09:00:00Z')], ZK, NOW);
		expect(s.stage).toBe('processing');
		expect(s.filedOn).toBe('2026-10-01');
		expect(s.clock).toEqual({
			limitDays: 60,
			basis: 'law',
			legalReference: '§ 169t zákona č. 326/1999 Sb.',
			sourceUrl: expect.stringMatching(/^https?:\/\//),
			day: 54,
			state: 'running',
			late: false,
			dueDate: '2026-11-30',
			pausedDays: 0
		});
	});

	it('uses 90 days for complex cases and flags the office late after the limit', () => {
		const simple = deriveStatus([ev('filed', '2026-08-01T09:00:00Z')], ZK, NOW);
		expect(simple.clock).toMatchObject({ day: 115, late: true });
		const complex = deriveStatus([ev('filed', '2026-08-01T09:00:00Z')], ZK_COMPLEX, NOW);
		expect(complex.clock).toMatchObject({
			limitDays: 90,
			day: 115,
			late: true,
			dueDate: '2026-10-30'
		});
		const early = deriveStatus([ev('filed', '2026-09-01T09:00:00Z')], ZK_COMPLEX, NOW);
		expect(early.clock).toMatchObject({ day: 84, late: false });
	});

	it('pauses the clock while suspended and shows the documents deadline', () => {
		const s = deriveStatus(
			[
				ev('filed', '2026-09-01T09:00:00Z'),
				ev('suspended', '2026-09-21T09:00:00Z', {
					reason: 'documents_requested',
					deadline: '2026-12-01'
				})
			],
			ZK,
			NOW
		);
		expect(s.stage).toBe('suspended');
		expect(s.documentsDueDate).toBe('2026-12-01');
		expect(s.clock).toMatchObject({
			day: 20,
			state: 'paused',
			late: false,
			dueDate: null,
			pausedDays: 64
		});
	});

	it('counts only the days not suspended once resumed', () => {
		const s = deriveStatus(
			[
				ev('filed', '2026-07-01T09:00:00Z'),
				ev('suspended', '2026-07-11T09:00:00Z'),
				ev('resumed', '2026-09-09T09:00:00Z')
			],
			ZK,
			NOW
		);
		expect(s.stage).toBe('processing');
		// 146 calendar days, 60 of them suspended.
		expect(s.clock).toMatchObject({ day: 86, state: 'running', late: true, pausedDays: 60 });
	});

	it('accepts events that arrive out of order', () => {
		const inOrder = [
			ev('filed', '2026-05-04T08:00:00Z'),
			ev('suspended', '2026-05-20T08:00:00Z'),
			ev('resumed', '2026-06-10T08:00:00Z'),
			ev('preliminary_positive', '2026-07-01T08:00:00Z')
		];
		const shuffled = [inOrder[3]!, inOrder[1]!, inOrder[0]!, inOrder[2]!];
		expect(deriveStatus(shuffled, ZK, NOW)).toEqual(deriveStatus(inOrder, ZK, NOW));
		expect(deriveStatus(shuffled, ZK, NOW).stage).toBe('preliminary_positive');
	});

	it('stops the clock at the decision and follows the card afterwards', () => {
		const events = [
			ev('filed', '2026-03-02T08:00:00Z'),
			ev('preliminary_positive', '2026-04-10T08:00:00Z'),
			ev('biometrics_taken', '2026-04-20T08:00:00Z'),
			ev('approved', '2026-04-25T08:00:00Z')
		];
		expect(deriveStatus(events, ZK, NOW)).toMatchObject({
			stage: 'approved',
			clock: { day: 54, state: 'finished', late: false }
		});
		const ready = deriveStatus([...events, ev('card_ready', '2026-05-10T08:00:00Z')], ZK, NOW);
		expect(ready.stage).toBe('card_ready');
		expect(
			deriveStatus(
				[
					...events,
					ev('card_collected', '2026-05-20T08:00:00Z'),
					ev('card_ready', '2026-05-10T08:00:00Z')
				],
				ZK,
				NOW
			).stage
		).toBe('card_collected');
	});

	it('ends in rejected or stopped, and a decision while suspended closes the pause', () => {
		const rejected = deriveStatus(
			[
				ev('filed', '2026-01-05T08:00:00Z'),
				ev('suspended', '2026-01-15T08:00:00Z'),
				ev('rejected', '2026-03-16T08:00:00Z')
			],
			ZK,
			NOW
		);
		expect(rejected).toMatchObject({
			stage: 'rejected',
			documentsDueDate: null,
			clock: { day: 10, state: 'finished', pausedDays: 60 }
		});
		expect(
			deriveStatus(
				[ev('filed', '2026-01-05T08:00:00Z'), ev('stopped', '2026-02-01T08:00:00Z')],
				ZK,
				NOW
			).stage
		).toBe('stopped');
	});

	it('counts Prague calendar days, so the autumn daylight-saving change shifts nothing', () => {
		// Filed 23:30 Prague time on 24 October 2026 (21:30 UTC, CEST); clocks go back on the 25th.
		const s = deriveStatus(
			[ev('filed', '2026-10-24T21:30:00Z')],
			ZK,
			new Date('2026-10-26T22:59:00Z')
		);
		expect(s.filedOn).toBe('2026-10-24');
		// 23:59 on 26 October in Prague (CET): two days later.
		expect(s.clock?.day).toBe(2);
		// One minute later it is 27 October in Prague.
		expect(
			deriveStatus([ev('filed', '2026-10-24T21:30:00Z')], ZK, new Date('2026-10-26T23:00:00Z'))
				.clock?.day
		).toBe(3);
	});

	it('reports the Prague date for an event late in the UTC evening', () => {
		const s = deriveStatus([ev('filed', '2026-06-30T22:30:00Z')], ZK, NOW);
		expect(s.timeline).toEqual([{ kind: 'filed', on: '2026-07-01' }]);
	});

	it('has no clock before the filing is known', () => {
		expect(
			deriveStatus([ev('preliminary_positive', '2026-07-01T08:00:00Z')], ZK, NOW).clock
		).toBeNull();
	});
});
