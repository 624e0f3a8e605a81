import { sql } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import { resultRows } from '../db/rows';
import { DECISIONS, type ProceedingEvent } from '../proceedings/proceeding-status';
import { groupSearchVariants } from './statistics';

/** Any transaction-capable drizzle handle (the database or a transaction). */
type Tx = Pick<Db, 'execute'>;

const LOCK = sql`hashtext('pobyt.insights.rollup')`;

/**
 * Runs `work` inside one transaction that holds the rollup's advisory lock; another instance
 * already rolling up makes this a no-op (null), so several instances never do the work twice.
 */
export async function withRollupLock<T>(work: (tx: Tx) => Promise<T>): Promise<T | null> {
	return getDb().transaction(async (tx) => {
		const [row] = resultRows<{ locked: boolean }>(
			await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK}) as locked`)
		);
		if (!row?.locked) return null;
		// A rebuild groups a year of events: room to sort in memory rather than on disk.
		await tx.execute(sql`set local work_mem = '64MB'`);
		return work(tx);
	});
}

export async function recomputeFromOf(tx: Tx, name: string): Promise<string | null> {
	const [row] = resultRows<{ from: string | null }>(
		await tx.execute(
			sql`select recompute_from::text as from from insights_rollup_state where name = ${name}`
		)
	);
	return row?.from ?? null;
}

export async function setRecomputeFrom(tx: Tx, name: string, day: string, at: Date) {
	await tx.execute(sql`
		insert into insights_rollup_state (name, recompute_from, updated_at)
		values (${name}, ${day}::date, ${at.toISOString()}::timestamptz)
		on conflict (name) do update set recompute_from = excluded.recompute_from,
			updated_at = excluded.updated_at`);
}

/**
 * The first day any rollup may still change (the earliest `recompute_from`), or null when some
 * rollup has never run.
 */
export async function firstOpenDay(): Promise<string | null> {
	const [row] = resultRows<{ day: string | null; runs: number }>(
		await getDb().execute(sql`
			select min(recompute_from)::text as day, count(recompute_from)::int as runs
			from insights_rollup_state where name in ('usage', 'search')`)
	);
	return Number(row?.runs ?? 0) === 2 ? (row?.day ?? null) : null;
}

/** The Prague day of the oldest raw event (usage events, or searches), if any. */
export async function firstRawDay(tx: Tx, name: 'usage' | 'search'): Promise<string | null> {
	const query =
		name === 'usage'
			? sql`select ((min(at) at time zone 'Europe/Prague')::date)::text as day from usage_events`
			: sql`select min(day)::text as day from search_queries`;
	const [row] = resultRows<{ day: string | null }>(await tx.execute(query));
	return row?.day ?? null;
}

/**
 * Replaces the daily counts of `from` and every later day with counts from the raw events: the
 * same raw events always give the same rows, however often (or wherever) this runs.
 */
export async function recomputeUsageDays(tx: Tx, from: string): Promise<number> {
	await tx.execute(sql`delete from usage_daily where day >= ${from}::date`);
	const rows = resultRows<{ n: number }>(
		await tx.execute(sql`
			with inserted as (
				insert into usage_daily (day, kind, locale, facets, count)
				select (at at time zone 'Europe/Prague')::date, kind, coalesce(locale, ''),
					coalesce(facets, '{}'::jsonb), count(*)::int
				from usage_events
				where at >= (${from}::date)::timestamp at time zone 'Europe/Prague'
				group by 1, 2, 3, 4
				returning 1
			)
			select count(*)::int as n from inserted`)
	);
	return Number(rows[0]?.n ?? 0);
}

/** Kinds whose monthly rows keep the weekday (the hotline's weekday × hour grid needs it). */
export const WEEKDAY_KINDS = ['escalation_created'] as const;

/**
 * Replaces the monthly sums of the month of `from` and every later month with sums of the daily
 * rows (one `insert … select … group by`): a month's cost is its daily rows, never raw events.
 */
export async function recomputeUsageMonths(tx: Tx, from: string): Promise<number> {
	const month = sql`date_trunc('month', ${from}::date)::date`;
	await tx.execute(sql`delete from usage_monthly where month >= ${month}`);
	const rows = resultRows<{ n: number }>(
		await tx.execute(sql`
			with inserted as (
				insert into usage_monthly (month, kind, locale, weekday, facets, count)
				select date_trunc('month', day)::date, kind, locale,
					case when kind in (${sql.join(
						WEEKDAY_KINDS.map((k) => sql`${k}`),
						sql`, `
					)}) then extract(isodow from day)::smallint else 0 end,
					facets, sum(count)::int
				from usage_daily where day >= ${month}
				group by 1, 2, 3, 4, 5
				returning 1
			)
			select count(*)::int as n from inserted`)
	);
	return Number(rows[0]?.n ?? 0);
}

/** The same for searches, whose spelling variants are grouped under one folded term. */
export async function recomputeSearchDays(tx: Tx, from: string): Promise<number> {
	await tx.execute(sql`delete from search_daily where day >= ${from}::date`);
	const raw = resultRows<{
		day: string;
		locale: string;
		query: string;
		searches: number;
		zero: number;
	}>(
		await tx.execute(sql`
			select day::text as day, locale, query, count(*)::int as searches,
				count(*) filter (where result_count = 0)::int as zero
			from search_queries where day >= ${from}::date group by 1, 2, 3`)
	);
	const byDay = new Map<string, typeof raw>();
	for (const row of raw) {
		const key = `${row.day}\u0000${row.locale}`;
		byDay.set(key, [...(byDay.get(key) ?? []), row]);
	}
	let written = 0;
	for (const rows of byDay.values()) {
		const { day, locale } = rows[0]!;
		const terms = groupSearchVariants(
			rows.map((r) => ({
				query: r.query,
				searches: Number(r.searches),
				zeroResults: Number(r.zero)
			}))
		);
		for (let i = 0; i < terms.length; i += 500) {
			const chunk = terms.slice(i, i + 500);
			await tx.execute(sql`
				insert into search_daily (day, locale, term, searches, zero_results)
				values ${sql.join(
					chunk.map(
						(t) => sql`(${day}::date, ${locale}, ${t.term}, ${t.searches}, ${t.zeroResults})`
					),
					sql`, `
				)}`);
			written += chunk.length;
		}
	}
	return written;
}

/** Raw events older than `before` and also before the final rollup day go; rollups stay. */
export async function deleteRawBefore(
	before: Date
): Promise<{ events: number; searches: number; comments: number }> {
	const db = getDb();
	const count = async (query: ReturnType<typeof sql>) =>
		Number(resultRows<{ n: number }>(await db.execute(query))[0]?.n ?? 0);
	const cutoff = before.toISOString();
	return {
		events: await count(sql`
			with gone as (
				delete from usage_events where at < ${cutoff}::timestamptz and at < coalesce(
					(select (recompute_from::timestamp at time zone 'Europe/Prague')
					 from insights_rollup_state where name = 'usage'), '-infinity'::timestamptz)
				returning 1)
			select count(*)::int as n from gone`),
		searches: await count(sql`
			with gone as (
				delete from search_queries where day < (${cutoff}::timestamptz at time zone 'Europe/Prague')::date
					and day < coalesce((select recompute_from from insights_rollup_state where name = 'search'), '-infinity'::date)
				returning 1)
			select count(*)::int as n from gone`),
		comments: await count(sql`
			with gone as (
				delete from satisfaction_comments where day < (${cutoff}::timestamptz at time zone 'Europe/Prague')::date
				returning 1)
			select count(*)::int as n from gone`)
	};
}

/** Whether the late-proceedings snapshot of a day was taken (its total row, type `*`, exists). */
export async function lateSnapshotTaken(day: string): Promise<boolean> {
	const rows = resultRows<{ one: number }>(
		await getDb().execute(
			sql`select 1 as one from late_proceedings_daily where day = ${day}::date and type_code = '*'`
		)
	);
	return rows.length > 0;
}

export interface OpenProceeding {
	id: string;
	typeCode: string;
	complex: boolean;
	events: ProceedingEvent[];
}

/**
 * The proceedings that were filed and not decided at `at` (the only ones whose deadline clock can
 * be running), with their events up to `at`: one grouped pass over the events finds them.
 */
export async function openProceedingsAt(at: Date): Promise<OpenProceeding[]> {
	const instant = sql`${at.toISOString()}::timestamptz`;
	const rows = resultRows<{
		id: string;
		type_code: string;
		complex: boolean;
		kind: ProceedingEvent['kind'];
		occurred_at: string | Date;
		details: Record<string, string> | null;
	}>(
		await getDb().execute(sql`
			with open as (
				select proceeding_id from proceeding_events where occurred_at <= ${instant}
				group by proceeding_id
				having bool_or(kind = 'filed') and not bool_or(kind in (${sql.join(
					DECISIONS.map((k) => sql`${k}`),
					sql`, `
				)}))
			)
			select p.id, p.type_code, p.complex, e.kind, e.occurred_at, e.details
			from open o
			join proceedings p on p.id = o.proceeding_id
			join proceeding_events e on e.proceeding_id = p.id and e.occurred_at <= ${instant}
			order by p.id, e.occurred_at`)
	);
	const byId = new Map<string, OpenProceeding>();
	for (const r of rows) {
		const p = byId.get(r.id) ?? { id: r.id, typeCode: r.type_code, complex: r.complex, events: [] };
		p.events.push({ kind: r.kind, occurredAt: new Date(r.occurred_at), details: r.details });
		byId.set(r.id, p);
	}
	return [...byId.values()];
}

/** Stores a day's late counts by type and their total (`*`); a second writer changes nothing. */
export async function insertLateSnapshot(day: string, late: Map<string, number>): Promise<void> {
	const total = [...late.values()].reduce((a, n) => a + n, 0);
	const rows = [...late.entries(), ['*', total] as const];
	await getDb().execute(sql`
		insert into late_proceedings_daily (day, type_code, late)
		values ${sql.join(
			rows.map(([type, n]) => sql`(${day}::date, ${type}, ${n})`),
			sql`, `
		)}
		on conflict do nothing`);
}
