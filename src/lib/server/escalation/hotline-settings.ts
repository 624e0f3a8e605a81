// The admin's hotline form as plain values (issue "Hotline escalation", settings): official
// numbers per language line and weekly hours. Pure, so the page and the unit tests share it.
import { locales } from '$lib/paraglide/runtime';
import type { WeeklyHours } from '../booking/booking.schema';
import { formatIntervals, type HotlineConfig, type HotlineLine } from './hotline';
import { formatPhoneNumber } from './hotline.service';
import { parsePhone } from './phone';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Languages a line may answer in: the public locales. */
export const LINE_LANGUAGES: readonly string[] = locales;

/** Enough for every language line there is, with room; the form offers one blank row more. */
export const MAX_LINES = 10;

export interface HotlineLineInput {
	/** Kept from the saved line; empty for a new one. */
	id: string;
	number: string;
	languages: string[];
	remove: boolean;
	/** The line's own hours per ISO weekday, as typed; all empty: the hotline's hours. */
	hours: Record<Weekday, string>;
}

/** What the form holds, as typed: shown again unchanged when something is wrong. */
export interface HotlineSettingsInput {
	lines: HotlineLineInput[];
	/** Per ISO weekday, e.g. `08:00–12:00, 13:00–16:00`; empty means closed. */
	hours: Record<Weekday, string>;
}

export type SettingsErrorCode =
	| 'lines_none'
	| 'lines_too_many'
	| 'number_empty'
	| 'number_invalid'
	| 'number_duplicate'
	| 'languages_none'
	| 'hours_invalid'
	| 'hours_order'
	| 'hours_overlap';

/** `field` is the id of the input (or fieldset) the message belongs to. */
export interface SettingsError {
	field: string;
	code: SettingsErrorCode;
}

/** The lines as a whole (none left, too many). */
export const LINES_FIELD = 'lines';
export const numberField = (index: number) => `line-${index}-number`;
export const languagesField = (index: number) => `line-${index}-languages`;
export const hoursField = (day: Weekday) => `hours-${day}`;
export const lineHoursField = (index: number, day: Weekday) => `line-${index}-hours-${day}`;

/** Every day empty. */
export const NO_HOURS = Object.fromEntries(WEEKDAYS.map((day) => [day, ''])) as Record<
	Weekday,
	string
>;

type Interval = [string, string];
type HoursError = 'hours_invalid' | 'hours_order' | 'hours_overlap';

const TIME = /^(\d{1,2}):(\d{2})$/;

/** `8:00` → `08:00`; 24:00 only as an end (midnight); anything else null. */
function clock(typed: string, end: boolean): string | null {
	const match = TIME.exec(typed.trim());
	if (!match) return null;
	const hour = Number(match[1]);
	const minute = Number(match[2]);
	if (minute > 59 || hour > 24 || (hour === 24 && (minute > 0 || !end))) return null;
	return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

/**
 * One day's hours as typed: zero or more `HH:MM–HH:MM` (hyphen or dash), separated by commas or
 * semicolons. Each must start before it ends and none may overlap another; sorted by start,
 * which `hotlineState` relies on to find the next opening.
 */
export function parseDayHours(
	typed: string
): { ok: true; intervals: Interval[] } | { ok: false; error: HoursError } {
	const parts = typed
		.split(/[,;]/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
	const intervals: Interval[] = [];
	for (const part of parts) {
		const ends = part.split(/\s*[-–—]\s*/);
		if (ends.length !== 2) return { ok: false, error: 'hours_invalid' };
		const from = clock(ends[0]!, false);
		const to = clock(ends[1]!, true);
		if (!from || !to) return { ok: false, error: 'hours_invalid' };
		if (from >= to) return { ok: false, error: 'hours_order' };
		intervals.push([from, to]);
	}
	intervals.sort((a, b) => a[0].localeCompare(b[0]));
	for (let i = 1; i < intervals.length; i++) {
		if (intervals[i]![0] < intervals[i - 1]![1]) return { ok: false, error: 'hours_overlap' };
	}
	return { ok: true, intervals };
}

const LINE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A blank row of the form (the one offered for a new line) is not a line. */
function isBlank(line: HotlineLineInput): boolean {
	return (
		line.id === '' &&
		line.number.trim() === '' &&
		line.languages.length === 0 &&
		WEEKDAYS.every((day) => (line.hours[day] ?? '').trim() === '')
	);
}

/** A week as typed → the hours, or the errors under `field(day)`. */
function readWeek(
	typed: Record<Weekday, string>,
	field: (day: Weekday) => string,
	errors: SettingsError[]
): WeeklyHours {
	const hours: WeeklyHours = {};
	for (const day of WEEKDAYS) {
		const parsed = parseDayHours(typed[day] ?? '');
		if (!parsed.ok) errors.push({ field: field(day), code: parsed.error });
		else if (parsed.intervals.length > 0) hours[day] = parsed.intervals;
	}
	return hours;
}

const typedWeek = (hours: WeeklyHours | undefined) =>
	Object.fromEntries(WEEKDAYS.map((day) => [day, formatIntervals(hours?.[day] ?? [])])) as Record<
		Weekday,
		string
	>;

/** The settings as typed → the configuration to save, or every problem by its field. */
export function validateHotlineSettings(
	input: HotlineSettingsInput
): { ok: true; config: HotlineConfig } | { ok: false; errors: SettingsError[] } {
	const errors: SettingsError[] = [];
	const lines: HotlineLine[] = [];
	const kept = input.lines
		.map((line, index) => ({ line, index }))
		.filter(({ line }) => !line.remove && !isBlank(line));
	const usedIds = new Set(kept.map(({ line }) => line.id).filter((id) => LINE_ID.test(id)));
	const freshId = () => {
		let n = 1;
		while (usedIds.has(`line-${n}`)) n++;
		usedIds.add(`line-${n}`);
		return `line-${n}`;
	};
	const seenIds = new Set<string>();
	for (const { line, index } of kept) {
		const phone = parsePhone(line.number);
		if (!phone.ok) {
			errors.push({
				field: numberField(index),
				code: phone.error === 'phone_empty' ? 'number_empty' : 'number_invalid'
			});
		} else if (lines.some((l) => l.number === phone.e164)) {
			errors.push({ field: numberField(index), code: 'number_duplicate' });
		}
		const languages = LINE_LANGUAGES.filter((l) => line.languages.includes(l));
		if (languages.length === 0)
			errors.push({ field: languagesField(index), code: 'languages_none' });
		const id = LINE_ID.test(line.id) && !seenIds.has(line.id) ? line.id : freshId();
		seenIds.add(id);
		// A week left empty means the line keeps the hotline's hours.
		const own = readWeek(line.hours, (day) => lineHoursField(index, day), errors);
		lines.push({
			id,
			number: phone.ok ? phone.e164 : '',
			languages,
			...(Object.keys(own).length > 0 ? { hours: own } : {})
		});
	}
	if (kept.length === 0) errors.push({ field: LINES_FIELD, code: 'lines_none' });
	if (kept.length > MAX_LINES) errors.push({ field: LINES_FIELD, code: 'lines_too_many' });

	const hours = readWeek(input.hours, hoursField, errors);
	return errors.length > 0 ? { ok: false, errors } : { ok: true, config: { lines, hours } };
}

/** The form's starting values for a configuration: numbers as people read them. */
export function settingsInput(config: HotlineConfig): HotlineSettingsInput {
	return {
		lines: config.lines.map((line) => ({
			id: line.id,
			number: formatPhoneNumber(line.number),
			languages: [...line.languages],
			remove: false,
			hours: typedWeek(line.hours)
		})),
		hours: typedWeek(config.hours)
	};
}
