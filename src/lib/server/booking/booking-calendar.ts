// The appointment as an iCalendar file (RFC 5545) "in Europe/Prague time" (issue "Branch
// appointment booking"): start and end are Prague wall-clock times with a TZID, and the file
// carries the zone's definition, so a calendar shows 09:30 at the branch wherever the phone is.
import { PRAGUE, toPrague } from '../../time/prague';

export interface CalendarEvent {
	uid: string;
	startsAt: Date;
	endsAt: Date;
	summary: string;
	location: string;
	url: string;
	/** When the file was made (DTSTAMP). */
	stamp: Date;
}

/**
 * Central European Time as the tz database has had it since 1996 (EU summer time: last Sunday of
 * March 01:00 UTC to last Sunday of October 01:00 UTC). Each DTSTART is the local time of the
 * first change, in the offset it changes from.
 */
const PRAGUE_TIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${PRAGUE}`,
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
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `20261124T093000`: the Prague wall-clock time of an instant, whatever the server's TZ. */
export function pragueDateTime(instant: Date): string {
	const l = toPrague(instant);
	return `${pad(l.year, 4)}${pad(l.month)}${pad(l.day)}T${pad(l.hour)}${pad(l.minute)}${pad(l.second)}`;
}

function utcDateTime(instant: Date): string {
	return instant
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 §3.1); a continuation starts
 * with one space, which counts. Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
	const lines: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		if (octets + size > 75) {
			lines.push(current);
			current = ' ';
			octets = 1;
		}
		current += char;
		octets += size;
	}
	lines.push(current);
	return lines.join('\r\n');
}

export function calendarFile(event: CalendarEvent): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Pobyt//Booking//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		...PRAGUE_TIMEZONE,
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`DTSTAMP:${utcDateTime(event.stamp)}`,
		`DTSTART;TZID=${PRAGUE}:${pragueDateTime(event.startsAt)}`,
		`DTEND;TZID=${PRAGUE}:${pragueDateTime(event.endsAt)}`,
		`SUMMARY:${escapeText(event.summary)}`,
		`LOCATION:${escapeText(event.location)}`,
		`URL:${event.url}`,
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
