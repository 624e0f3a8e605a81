/** A calendar date (`YYYY-MM-DD`) written the way the reader's language writes dates. */
export function formatDate(iso: string, locale: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y!, m! - 1, d!))
	);
}

/** An instant in Prague time: "26 November 2026 at 9:00" in the reader's language, or just "9:00". */
export function formatDateTime(
	instant: Date,
	locale: string,
	options: { timeOnly?: boolean } = {}
): string {
	return new Intl.DateTimeFormat(locale, {
		...(options.timeOnly ? {} : { dateStyle: 'long' }),
		timeStyle: 'short',
		timeZone: 'Europe/Prague'
	}).format(instant);
}
