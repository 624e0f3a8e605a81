/** A calendar date (`YYYY-MM-DD`) written the way the reader's language writes dates. */
export function formatDate(iso: string, locale: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y!, m! - 1, d!))
	);
}
