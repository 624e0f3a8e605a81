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
	const [y, m, d] = iso.split('-').map(Number);
	const dateStyle = options.weekday ? 'full' : 'long';
	return formatter(locale, `date-${dateStyle}`, { dateStyle, timeZone: 'UTC' }).format(
		new Date(Date.UTC(y!, m! - 1, d!))
	);
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
	return formatter(locale, `datetime-${dateStyle}`, {
		dateStyle,
		timeStyle: 'short',
		timeZone: 'Europe/Prague'
	}).format(instant);
}
