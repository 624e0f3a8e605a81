// Daily rollups of the anonymous events (docs/adr/0011): every report reads these, so its cost
// does not grow with raw events. A run recomputes the days that are not final yet (yesterday and
// today, or everything since the last run) from raw events, under an advisory lock.
import { pragueDate } from '../../time/prague';
import { shiftDay } from './period';
import {
	firstRawDay,
	recomputeFromOf,
	recomputeSearchDays,
	recomputeUsageDays,
	recomputeUsageMonths,
	setRecomputeFrom,
	withRollupLock
} from './rollup.repository';

export interface RollupRun {
	/** False when another instance was rolling up at that moment (its run covers this one). */
	ran: boolean;
	usageRows: number;
	/** Monthly rows rewritten (the months from the first recomputed day's on). */
	monthRows: number;
	searchRows: number;
	/** The first day that was recomputed, if any. */
	from: string | null;
}

/**
 * Events are written within a second or so of happening, but a request can take longer and a
 * clock can be late: the day before today stays open, and is recomputed once more the next day.
 */
const OPEN_DAYS = 1;

async function run(now: Date, full: boolean): Promise<RollupRun> {
	const today = pragueDate(now);
	const finalBefore = shiftDay(today, -OPEN_DAYS);
	const outcome = await withRollupLock(async (tx) => {
		let usageRows = 0;
		let searchRows = 0;
		let monthRows = 0;
		let from = null as string | null;
		for (const name of ['usage', 'search'] as const) {
			const stored = full ? null : await recomputeFromOf(tx, name);
			const start = stored ?? (await firstRawDay(tx, name));
			if (!start) continue;
			from = from === null || start < from ? start : from;
			if (name === 'usage') {
				usageRows = await recomputeUsageDays(tx, start);
				monthRows = await recomputeUsageMonths(tx, start);
			} else searchRows = await recomputeSearchDays(tx, start);
			await setRecomputeFrom(tx, name, start < finalBefore ? finalBefore : start, now);
		}
		return { ran: true, usageRows, monthRows, searchRows, from };
	});
	return outcome ?? { ran: false, usageRows: 0, monthRows: 0, searchRows: 0, from: null };
}

/** Brings the rollups up to date: cheap, idempotent, safe to call from every instance. */
export const refreshRollups = (now: Date) => run(now, false);

/** Recomputes every day that still has raw events (after a change of rollup rules). */
export const rebuildRollups = (now: Date) => run(now, true);
