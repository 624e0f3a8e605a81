import { describe, expect, it } from 'vitest';
import { addDays, pragueOffsetMinutes } from '../../time/prague';
import { calendarFile, escapeText, foldLine, type CalendarEvent } from './booking-calendar';

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
	uid: '5f0c-booking@pobyt',
	startsAt: new Date('2026-11-24T08:30:00Z'),
	endsAt: new Date('2026-11-24T08:45:00Z'),
	summary: 'Registration – ACDE-FGHJ',
	location: 'Praha I, Žitná 1, 110 00 Praha',
	url: 'https://pobyt.example/en/booking/abc',
	stamp: new Date('2026-11-20T10:15:30.123Z'),
	...over
});

/** The content lines with folding undone (RFC 5545 §3.1). */
const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
/** The values of one property of the event (VEVENT), each after its name. */
const value = (ics: string, name: string) => {
	const lines = unfolded(ics);
	return lines
		.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT'))
		.filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
		.map((line) => line.slice(name.length));
};

describe('the booking as an iCalendar file', () => {
	it('gives a winter appointment in Prague wall-clock time with its zone', () => {
		expect(process.env.TZ).toBe('UTC');
		const ics = calendarFile(event());
		expect(value(ics, 'DTSTART')).toEqual([';TZID=Europe/Prague:20261124T093000']);
		expect(value(ics, 'DTEND')).toEqual([';TZID=Europe/Prague:20261124T094500']);
		expect(value(ics, 'DTSTAMP')).toEqual([':20261120T101530Z']);
	});

	it('gives a summer appointment in summer time (UTC+2)', () => {
		const ics = calendarFile(
			event({
				startsAt: new Date('2026-07-01T07:30:00Z'),
				endsAt: new Date('2026-07-01T07:45:00Z')
			})
		);
		expect(value(ics, 'DTSTART')).toEqual([';TZID=Europe/Prague:20260701T093000']);
		expect(value(ics, 'DTEND')).toEqual([';TZID=Europe/Prague:20260701T094500']);
	});

	it('defines Europe/Prague once: CET and CEST, changing on the last Sundays of March and October', () => {
		const ics = calendarFile(event());
		const lines = unfolded(ics);
		expect(lines.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(1);
		const begin = lines.indexOf('BEGIN:VTIMEZONE');
		const zone = lines.slice(begin, lines.indexOf('END:VTIMEZONE') + 1);
		expect(zone).toEqual([
			'BEGIN:VTIMEZONE',
			'TZID:Europe/Prague',
			'BEGIN:DAYLIGHT',
			'TZOFFSETFROM:+0100',
			'TZOFFSETTO:+0200',
			'TZNAME:CEST',
			'DTSTART:19700329T020000',
			'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
			'END:DAYLIGHT',
			'BEGIN:STANDARD',
			'TZOFFSETFROM:+0200',
			'TZOFFSETTO:+0100',
			'TZNAME:CET',
			'DTSTART:19701025T030000',
			'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
			'END:STANDARD',
			'END:VTIMEZONE'
		]);
		// The zone comes before the event that refers to it.
		expect(begin).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines).toContain('VERSION:2.0');
	});

	it('states rules that agree with the tz database for the years ahead', () => {
		for (let year = 2026; year <= 2040; year++) {
			for (const [month, from, to] of [
				[3, 60, 120],
				[10, 120, 60]
			] as const) {
				// The last Sunday of the month; the change is at 01:00 UTC (02:00 CET, 03:00 CEST).
				const last = addDays(year, month + 1, 1, -1);
				const sunday = addDays(last.year, last.month, last.day, -(last.weekday % 7));
				const change = Date.UTC(sunday.year, sunday.month - 1, sunday.day, 1);
				expect(pragueOffsetMinutes(new Date(change - 1000))).toBe(from);
				expect(pragueOffsetMinutes(new Date(change))).toBe(to);
			}
		}
	});

	it('ends every line with CRLF and folds lines longer than 75 octets', () => {
		const summary = 'Подання žádosti o prodloužení dlouhodobého pobytu – ĐĂNG KÝ '.repeat(4);
		const ics = calendarFile(event({ summary, location: 'Ř'.repeat(100) }));
		expect(ics.endsWith('\r\n')).toBe(true);
		expect(ics).not.toMatch(/[^\r]\n/);
		expect(ics).not.toMatch(/\r[^\n]/);
		const physical = ics.slice(0, -2).split('\r\n');
		for (const line of physical) {
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
		expect(physical.some((line) => line.startsWith(' '))).toBe(true);
		expect(value(ics, 'SUMMARY')).toEqual([`:${summary}`]);
		expect(value(ics, 'LOCATION')).toEqual([`:${'Ř'.repeat(100)}`]);
	});

	it('folds at 75 octets without splitting a character', () => {
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
		// 37 two-octet characters are 74 octets; the 38th would make 76, so it moves on.
		expect(foldLine('ž'.repeat(38))).toBe(`${'ž'.repeat(37)}\r\n ž`);
	});

	it('escapes text: backslash, semicolon, comma and line breaks', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
		const ics = calendarFile(event({ summary: 'Pobyt; 1, 2\nnext', location: 'C:\\x' }));
		expect(value(ics, 'SUMMARY')).toEqual([':Pobyt\\; 1\\, 2\\nnext']);
		expect(value(ics, 'LOCATION')).toEqual([':C:\\\\x']);
		expect(value(ics, 'URL')).toEqual([':https://pobyt.example/en/booking/abc']);
	});
});
