import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_HOURS, DEFAULT_HOTLINE_LINES } from '../config';
import {
	codeValidUntil,
	codeValidUntilOnEveryLine,
	czechPublicHolidays,
	hotlineState
} from './hotline';
import { describeHotline, formatPhoneNumber, hotlineStatusFor } from './hotline.service';

const at = (iso: string) => new Date(iso);

describe('hotline hours (Europe/Prague, default Mon–Thu 8–16, Fri 8–12)', () => {
	it('is open on a Monday morning in winter and says until when', () => {
		const state = hotlineState(DEFAULT_HOTLINE_HOURS, at('2026-11-23T09:00:00Z')); // 10:00 CET
		expect(state).toEqual({ open: true, closesAt: at('2026-11-23T15:00:00Z') });
	});

	it('closes at noon on Friday and opens again on Monday at 8:00', () => {
		const state = hotlineState(DEFAULT_HOTLINE_HOURS, at('2026-11-27T11:00:00Z')); // Fri 12:00 CET
		expect(state).toEqual({ open: false, opensAt: at('2026-11-30T07:00:00Z') });
	});

	it('is closed on a public holiday that falls on a workday (Tue 17 November 2026)', () => {
		expect(czechPublicHolidays(2026).has('2026-11-17')).toBe(true);
		const state = hotlineState(DEFAULT_HOTLINE_HOURS, at('2026-11-17T09:00:00Z'));
		expect(state).toEqual({ open: false, opensAt: at('2026-11-18T07:00:00Z') });
	});

	it('opens at 8:00 summer time on the Monday after the spring change', () => {
		// Sunday 29 March 2026, clocks went forward; Monday 8:00 CEST is 06:00 UTC.
		const state = hotlineState(DEFAULT_HOTLINE_HOURS, at('2026-03-29T12:00:00Z'));
		expect(state).toEqual({ open: false, opensAt: at('2026-03-30T06:00:00Z') });
	});

	it('skips the Easter Friday and Monday holidays', () => {
		// Thursday 2 April 2026 after closing: Good Friday 3 April and Easter Monday 6 April are closed.
		const state = hotlineState(DEFAULT_HOTLINE_HOURS, at('2026-04-02T15:00:00Z'));
		expect(state).toEqual({ open: false, opensAt: at('2026-04-07T06:00:00Z') });
	});

	it('describes the state and the official numbers in the person’s language', () => {
		const config = { lines: DEFAULT_HOTLINE_LINES, hours: DEFAULT_HOTLINE_HOURS };
		const uk = describeHotline(config, 'uk', at('2026-11-23T09:00:00Z'));
		expect(uk.open).toBe(true);
		expect(uk.statusText).toMatch(/16:00/);
		expect(uk.statusText).not.toMatch(/[a-z]{4}/i);
		// The line that answers in the page's language first (issue 11, point 5).
		expect(uk.lines.map((l) => l.dial)).toEqual(['+420974801802', '+420974801801']);
		expect(uk.lines[1]).toEqual({
			display: '+420 974 801 801',
			dial: '+420974801801',
			languages: 'чеська, англійська',
			state: null,
			ownHours: null
		});
		const en = describeHotline(config, 'en', at('2026-11-23T09:00:00Z'));
		expect(en.lines.map((l) => l.dial)).toEqual(['+420974801801', '+420974801802']);
		expect(uk.hours).toHaveLength(7);
		expect(uk.hours[0]).toEqual({ day: 'понеділок', text: '08:00–16:00' });
		const vi = describeHotline(config, 'vi', at('2026-11-27T11:00:00Z'));
		expect(vi.open).toBe(false);
		expect(vi.statusText).toContain('8:00');
	});

	it('formats Czech numbers in groups and leaves foreign ones as configured', () => {
		expect(formatPhoneNumber('+420974801802')).toBe('+420 974 801 802');
		expect(formatPhoneNumber('+4930123456')).toBe('+4930123456');
	});
});

describe('how long a code for the line is valid (issue 11, point 4)', () => {
	const H = DEFAULT_HOTLINE_HOURS;

	it('a code made on Friday at 23:40 is valid on Monday morning and until Monday 16:00', () => {
		const made = at('2026-11-27T22:40:00Z'); // Friday 23:40 CET
		const until = codeValidUntil(H, made, 24);
		expect(until).toEqual(at('2026-11-30T15:00:00Z')); // Monday 16:00 CET
		expect(until > at('2026-11-30T08:30:00Z')).toBe(true); // Monday 9:30
	});

	it('a code made on Friday shortly before noon lasts through Monday’s opening', () => {
		expect(codeValidUntil(H, at('2026-11-27T10:55:00Z'), 24)).toEqual(at('2026-11-30T15:00:00Z'));
	});

	it('a code made on a weekday morning lasts through the next day’s opening', () => {
		// Tuesday 10:30 CET → Wednesday 16:00 CET (more than the 24 h floor).
		expect(codeValidUntil(H, at('2026-11-24T09:30:00Z'), 24)).toEqual(at('2026-11-25T15:00:00Z'));
	});

	it('never less than the floor: Wednesday evening → Thursday evening', () => {
		// Wednesday 20:00 CET; Thursday's opening ends at 16:00, before 24 h are over.
		expect(codeValidUntil(H, at('2026-11-25T19:00:00Z'), 24)).toEqual(at('2026-11-26T19:00:00Z'));
	});

	it('skips holidays: made on 23 December evening, valid until Monday 28 December 16:00', () => {
		// 24–26 December are public holidays, 27 December is a Sunday.
		expect(codeValidUntil(H, at('2026-12-23T19:00:00Z'), 24)).toEqual(at('2026-12-28T15:00:00Z'));
	});

	it('across the spring change the end is 16:00 summer time', () => {
		// Friday 27 March 2026 evening; Monday 30 March 16:00 CEST is 14:00 UTC.
		expect(codeValidUntil(H, at('2026-03-27T20:00:00Z'), 24)).toEqual(at('2026-03-30T14:00:00Z'));
	});

	it('a line with no hours at all keeps the floor', () => {
		expect(codeValidUntil({}, at('2026-11-27T22:40:00Z'), 24)).toEqual(at('2026-11-28T22:40:00Z'));
	});
});

describe('a line with hours of its own (issue 15, point 5)', () => {
	// The Ukrainian line answers on Friday until 16:00 and on Saturday morning; the main line
	// keeps the hotline's Mon–Thu 8–16, Fri 8–12.
	const ukrainianHours = {
		...DEFAULT_HOTLINE_HOURS,
		'5': [['09:00', '16:00']],
		'6': [['09:00', '12:00']]
	} satisfies typeof DEFAULT_HOTLINE_HOURS;
	const config = {
		hours: DEFAULT_HOTLINE_HOURS,
		lines: [DEFAULT_HOTLINE_LINES[0]!, { ...DEFAULT_HOTLINE_LINES[1]!, hours: ukrainianHours }]
	};
	const fridayAfternoon = at('2026-11-27T13:00:00Z'); // Friday 14:00 CET

	it('each page states the line in its language: open for Ukrainian, closed for Czech', () => {
		expect(hotlineStatusFor(config, 'uk', fridayAfternoon).open).toBe(true);
		expect(hotlineStatusFor(config, 'uk', fridayAfternoon).text).toMatch(/16:00/);
		expect(hotlineStatusFor(config, 'cs', fridayAfternoon).open).toBe(false);
		// A line without its own hours keeps the hotline's.
		expect(hotlineStatusFor(config, 'en', fridayAfternoon).open).toBe(false);
	});

	it('the contact card shows that line’s state and week, and the other line as before', () => {
		const view = describeHotline(config, 'cs', fridayAfternoon);
		expect(view.open).toBe(false);
		const [main, ukrainian] = view.lines;
		// The page states the Czech line (closed); the Ukrainian line, open, says so by itself.
		expect(main!.state).toBeNull();
		expect(main!.ownHours).toBeNull();
		expect(ukrainian!.state?.open).toBe(true);
		expect(ukrainian!.state?.text).toMatch(/16:00/);
		expect(ukrainian!.ownHours?.[4]).toEqual({ day: 'pátek', text: '09:00–16:00' });
		expect(ukrainian!.ownHours?.[5]).toEqual({ day: 'sobota', text: '09:00–12:00' });
		expect(view.hours[4]).toEqual({ day: 'pátek', text: '08:00–12:00' });
		// In Ukrainian the page states the Ukrainian line; the Czech line's closed state is its own.
		const uk = describeHotline(config, 'uk', fridayAfternoon);
		expect(uk.open).toBe(true);
		expect(uk.lines[0]!.state).toBeNull();
		expect(uk.lines[1]!.state?.open).toBe(false);
	});

	it('a code lasts until the end of the next opening of the line that opens last', () => {
		// Friday 23:40: the main line next opens Monday 8–16; the Ukrainian line Saturday 9–12,
		// and Monday too — the code lasts until Monday 16:00 either way.
		const made = at('2026-11-27T22:40:00Z');
		expect(codeValidUntilOnEveryLine(config, made, 24)).toEqual(at('2026-11-30T15:00:00Z'));
		// Friday 12:30: the main line has closed, the Ukrainian one is open until 16:00 and the
		// main line's next opening (Monday) ends later still.
		expect(codeValidUntilOnEveryLine(config, at('2026-11-27T11:30:00Z'), 24)).toEqual(
			at('2026-11-30T15:00:00Z')
		);
		// Thursday 17:00: the Ukrainian line's Friday opening ends at 16:00, after the main line's 12:00.
		expect(codeValidUntilOnEveryLine(config, at('2026-11-26T16:00:00Z'), 2)).toEqual(
			at('2026-11-27T15:00:00Z')
		);
	});
});
