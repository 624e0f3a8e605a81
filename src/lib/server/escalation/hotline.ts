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
}

export interface HotlineConfig {
	lines: HotlineLine[];
	hours: WeeklyHours;
}

/** `[['08:00','12:00'],['13:00','16:00']]` → `08:00–12:00, 13:00–16:00`. */
export function formatIntervals(intervals: readonly (readonly [string, string])[]): string {
	return intervals.map(([from, to]) => `${from}–${to}`).join(', ');
}

export type HotlineState = { open: true; closesAt: Date } | { open: false; opensAt: Date | null };

/** Whether the line is staffed at `now`, and when it closes or next opens (within two weeks). */
export function hotlineState(hours: WeeklyHours, now: Date): HotlineState {
	const today = toPrague(now);
	for (let k = 0; k < 15; k++) {
		const d = addDays(today.year, today.month, today.day, k);
		if (czechPublicHolidays(d.year).has(isoDate(d.year, d.month, d.day))) continue;
		const intervals = hours[String(d.weekday) as keyof WeeklyHours] ?? [];
		for (const [from, to] of intervals) {
			const f = parseClock(from);
			const t = parseClock(to);
			const start = fromPrague(d.year, d.month, d.day, f.hour, f.minute);
			const end = fromPrague(d.year, d.month, d.day, t.hour, t.minute);
			if (now >= start && now < end) return { open: true, closesAt: end };
			if (start > now) return { open: false, opensAt: start };
		}
	}
	return { open: false, opensAt: null };
}
