import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { now } from '$lib/server/clock';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
import { reportTable } from '$lib/server/insights/report.service';
import { toCsv } from '$lib/server/insights/statistics';

/** One table of the yearly report as CSV (UTF-8 with a byte-order mark, for spreadsheets). */
export const GET: RequestHandler = (event) =>
	asStaff(event, async (actor) => {
		const year = Number(event.params.year);
		if (!/^\d{4}$/.test(event.params.year) || !/^[a-z-]{1,40}$/.test(event.params.table))
			error(404, 'Not found');
		const table = await reportTable(
			actor,
			staffLocale(event.locals),
			year,
			event.params.table,
			now()
		);
		if (!table) error(404, 'Not found');
		return new Response('\uFEFF' + toCsv(table.header, table.rows), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="pobyt-${year}-${table.id}.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
