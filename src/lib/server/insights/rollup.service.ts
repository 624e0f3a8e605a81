// Daily rollups of the anonymous events (docs/adr/0011): every report reads these, so its cost
// does not grow with raw events. A run recomputes the days that are not final yet (yesterday and
// today, or everything since the last run) from raw events, under an advisory lock.
import { fromPrague, pragueDate } from '../../time/prague';
import { deriveStatus } from '../proceedings/proceeding-status';
import { shiftDay } from './period';
import {
	firstOpenDay,
	firstRawDay,
	insertLateSnapshot,
	lateSnapshotTaken,
	openProceedingsAt,
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

/** Proceedings past their legal deadline at `at`, by type (the deadline clock of each open one). */
export async function countLate(at: Date): Promise<Map<string, number>> {
	const late = new Map<string, number>();
	for (const p of await openProceedingsAt(at))
		if (deriveStatus(p.events, p, at).clock?.late)
			late.set(p.typeCode, (late.get(p.typeCode) ?? 0) + 1);
	return late;
}

/**
 * The late proceedings at the start of a Prague day (what the clock showed at midnight), taken
 * once, by the retention timer (its cost follows the open proceedings, so never on a view): a
 * report reads these snapshots, never every open proceeding (docs/adr/0014). Returns whether it
 * was taken now.
 */
export async function snapshotLate(day: string): Promise<boolean> {
	if (await lateSnapshotTaken(day)) return false;
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	await insertLateSnapshot(day, await countLate(fromPrague(y, m, d)));
	return true;
}

/** Snapshots of the first day of every month from `from` to `to` (after generating data). */
export async function backfillLateSnapshots(from: string, to: string): Promise<number> {
	let taken = 0;
	for (let day = `${from.slice(0, 7)}-01`; day <= to; day = shiftDay(day, 32).slice(0, 7) + '-01')
		if (await snapshotLate(day)) taken++;
	return taken;
}

/** Brings the rollups up to date: cheap, idempotent, safe to call from every instance. */
export const refreshRollups = (now: Date) => run(now, false);

/**
 * Brings the rollups up to date when a reader needs days up to `lastDay`: a period that ends
 * before the first open day reads only final rollups, so a past year's report costs no run.
 */
export async function refreshRollupsFor(lastDay: string, now: Date): Promise<void> {
	const open = await firstOpenDay();
	if (open === null || lastDay >= open) await refreshRollups(now);
}

/** Recomputes every day that still has raw events (after a change of rollup rules). */
export const rebuildRollups = (now: Date) => run(now, true);
