import { m } from '$lib/paraglide/messages';
import { formatDate, formatDateTime } from '$lib/format';

/** What a draw gives and when, as its notice says it. */
export interface DrawNoticeDates {
	fromDate: string;
	toDate: string;
	opensAt: Date;
	closesAt: Date;
	drawAt: Date;
}

/**
 * "Times from … to … are given by draw: enter from … until …; the draw is on …". A draw of one
 * day names that day once ("times on 7 December 2026"), not as a range from it to itself.
 */
export function drawNotice(release: DrawNoticeDates, locale: string): string {
	const when = {
		opens: formatDateTime(release.opensAt, locale),
		closes: formatDateTime(release.closesAt, locale),
		draw: formatDateTime(release.drawAt, locale)
	};
	return release.fromDate === release.toDate
		? m.draw_notice_day({ day: formatDate(release.fromDate, locale), ...when })
		: m.draw_notice({
				from: formatDate(release.fromDate, locale),
				to: formatDate(release.toDate, locale),
				...when
			});
}
