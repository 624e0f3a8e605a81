import type { WeeklyHours } from '../booking/booking.schema';
import { czechPublicHolidays } from '$lib/time/holidays';
import { addDays, fromPrague, parseClock, toPrague, isoDate } from '$lib/time/prague';

export { czechPublicHolidays };

export interface HotlineLine {
	id: string;
	/** E.164, e.g. +420974801801. Only configured official numbers are ever shown. */
	number: string;
	/** Locales the line answers in. */
	languages: string[];
	/** The line's own weekly hours, where they differ from the hotline's (e.g. a language line). */
	hours?: WeeklyHours;
}

export interface HotlineConfig {
	lines: HotlineLine[];
	hours: WeeklyHours;
}

/** The hours a line is staffed: its own where it has them, else the hotline's. */
export function lineHours(config: HotlineConfig, line: HotlineLine): WeeklyHours {
	return line.hours ?? config.hours;
}

/** `[['08:00','12:00'],['13:00','16:00']]` → `08:00–12:00, 13:00–16:00`. */
export function formatIntervals(intervals: readonly (readonly [string, string])[]): string {
	return intervals.map(([from, to]) => `${from}–${to}`).join(', ');
}

export type HotlineState = { open: true; closesAt: Date } | { open: false; opensAt: Date | null };

/** The line's staffed periods from the day of `since` on, in order, for two weeks; holidays closed. */
function* openingPeriods(hours: WeeklyHours, since: Date): Generator<{ start: Date; end: Date }> {
	const today = toPrague(since);
	for (let k = 0; k < 15; k++) {
		const d = addDays(today.year, today.month, today.day, k);
		if (czechPublicHolidays(d.year).has(isoDate(d.year, d.month, d.day))) continue;
		const intervals = hours[String(d.weekday) as keyof WeeklyHours] ?? [];
		for (const [from, to] of intervals) {
			const f = parseClock(from);
			const t = parseClock(to);
			yield {
				start: fromPrague(d.year, d.month, d.day, f.hour, f.minute),
				end: fromPrague(d.year, d.month, d.day, t.hour, t.minute)
			};
		}
	}
}

/** Whether the line is staffed at `now`, and when it closes or next opens (within two weeks). */
export function hotlineState(hours: WeeklyHours, now: Date): HotlineState {
	for (const { start, end } of openingPeriods(hours, now)) {
		if (now >= start && now < end) return { open: true, closesAt: end };
		if (start > now) return { open: false, opensAt: start };
	}
	return { open: false, opensAt: null };
}

/** The first staffed period that starts after `now` (within two weeks), or null. */
export function nextOpeningPeriod(
	hours: WeeklyHours,
	now: Date
): { start: Date; end: Date } | null {
	for (const period of openingPeriods(hours, now)) if (period.start > now) return period;
	return null;
}

/**
 * Until when a code to read out to the line is valid: at least `minHours`, and never before the
 * end of the line's next opening period — a code made on Friday night must still work when the
 * line opens on Monday, and all through that opening (issue 11, point 4).
 */
export function codeValidUntil(hours: WeeklyHours, now: Date, minHours: number): Date {
	const floor = new Date(now.getTime() + minHours * 3_600_000);
	const next = nextOpeningPeriod(hours, now);
	return next && next.end > floor ? next.end : floor;
}

/**
 * The same on every line: a code is read out to whichever line the person calls, so it lasts
 * until the end of the next opening of the line that opens last (a language line with its own,
 * later hours included).
 */
export function codeValidUntilOnEveryLine(
	config: HotlineConfig,
	now: Date,
	minHours: number
): Date {
	const ends = [config.hours, ...config.lines.map((line) => lineHours(config, line))].map((hours) =>
		codeValidUntil(hours, now, minHours).getTime()
	);
	return new Date(Math.max(...ends));
}
