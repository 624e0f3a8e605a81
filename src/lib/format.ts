// Building an Intl.DateTimeFormat costs far more than using one: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter of `locale` for one style (`key` names the options). */
export function formatter(
	locale: string,
	key: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const id = `${locale}\u0000${key}`;
	let found = formatters.get(id);
	if (!found) formatters.set(id, (found = new Intl.DateTimeFormat(locale, options)));
	return found;
}

/**
 * A calendar date (`YYYY-MM-DD`) written the way the reader's language writes dates; with the
 * weekday where a person picks a day ("Wednesday, 25 November 2026").
 */
export function formatDate(
	iso: string,
	locale: string,
	options: { weekday?: boolean } = {}
): string {
	const dateStyle = options.weekday ? 'full' : 'long';
	return formatter(locale, `date-${dateStyle}`, { dateStyle, timeZone: 'UTC' }).format(
		calendarDay(iso)
	);
}

/**
 * Calendar dates from one to another as the reader's language writes a span: one day once
 * ("7 грудня 2026 р.", not "7 грудня 2026 р. – 7 грудня 2026 р."), a span in one month with
 * its month and year once ("7–11 грудня 2026 р.").
 */
export function formatDateRange(from: string, to: string, locale: string): string {
	return formatter(locale, 'date-long', { dateStyle: 'long', timeZone: 'UTC' }).formatRange(
		calendarDay(from),
		calendarDay(to)
	);
}

function calendarDay(iso: string): Date {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y!, m! - 1, d!));
}

/**
 * An instant in Prague time: "26 November 2026 at 9:00" in the reader's language, "Thursday,
 * 26 November 2026 at 9:00" with the weekday, or just "9:00".
 */
export function formatDateTime(
	instant: Date,
	locale: string,
	options: { timeOnly?: boolean; weekday?: boolean } = {}
): string {
	if (options.timeOnly)
		return formatter(locale, 'time', { timeStyle: 'short', timeZone: 'Europe/Prague' }).format(
			instant
		);
	const dateStyle = options.weekday ? 'full' : 'long';
	if (locale === 'vi') return vietnameseDateTime(instant, dateStyle);
	return formatter(locale, `datetime-${dateStyle}`, {
		dateStyle,
		timeStyle: 'short',
		timeZone: 'Europe/Prague'
	}).format(instant);
}

/**
 * Vietnamese as people write it: "09:00 ngày 25 tháng 11, 2026", "09:00 Thứ Tư, ngày 25 tháng
 * 11, 2026". ICU's own vi pattern puts the time before the date with nothing between them
 * ("lúc 09:00 25 tháng 11, 2026"), which reads as one run of numbers.
 */
function vietnameseDateTime(instant: Date, dateStyle: 'full' | 'long'): string {
	const time = formatter('vi', 'time', { timeStyle: 'short', timeZone: 'Europe/Prague' }).format(
		instant
	);
	const parts = formatter('vi', `date-prague-${dateStyle}`, {
		dateStyle,
		timeZone: 'Europe/Prague'
	}).formatToParts(instant);
	const weekday = parts.find((part) => part.type === 'weekday')?.value;
	const firstDay = parts.findIndex((part) => part.type === 'day');
	const date = parts
		.slice(firstDay)
		.map((part) => part.value)
		.join('');
	return weekday ? `${time} ${weekday}, ngày ${date}` : `${time} ngày ${date}`;
}
