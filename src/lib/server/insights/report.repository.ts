// Queries of the insights report. Counts come from the rollups (usage_monthly for whole months,
// usage_daily otherwise, search_daily), never from raw events, so a year costs the same however busy it was.
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../db';
import { resultRows } from '../db/rows';
import { shiftDay } from './period';
import { WEEKDAY_KINDS } from './rollup.repository';

export interface Range {
	from: string;
	to: string;
}

export interface UsageFilters {
	branch?: string | null;
	service?: string | null;
	locale?: string | null;
}

/** What a count may be grouped by: a facet of the event, or when/where it happened. */
export type Dimension =
	| 'kind'
	| 'locale'
	| 'month'
	| 'isodow'
	| `facet:${'step' | 'channel' | 'service' | 'branch' | 'outcome' | 'stage' | 'reason' | 'topic' | 'flag' | 'hour' | 'area' | 'task' | 'score' | 'checklist' | 'typeCode'}`;

const FACET_NAME = /^facet:([a-zA-Z]+)$/;

/** Which rollup a sum reads: months for whole months (a year is 12 rows a facet set), else days. */
type Grain = 'day' | 'month';

function dimensionSql(dimension: Dimension, grain: Grain): SQL {
	if (dimension === 'kind') return sql`kind`;
	if (dimension === 'locale') return sql`locale`;
	if (dimension === 'month')
		return grain === 'month' ? sql`to_char(month, 'YYYY-MM')` : sql`to_char(day, 'YYYY-MM')`;
	if (dimension === 'isodow')
		return grain === 'month' ? sql`weekday::text` : sql`extract(isodow from day)::int::text`;
	const name = FACET_NAME.exec(dimension)![1];
	return sql`coalesce(facets ->> ${name}, '')`;
}

/**
 * Whole months (from a 1st to a month's last day) are read from `usage_monthly`, unless a
 * weekday is asked of a kind whose monthly rows do not keep it.
 */
function grainOf(range: Range, kinds: string[], by: Dimension[]): Grain {
	const wholeMonths = range.from.endsWith('-01') && shiftDay(range.to, 1).endsWith('-01');
	const weekdayKept = kinds.every((k) => (WEEKDAY_KINDS as readonly string[]).includes(k));
	return wholeMonths && (!by.includes('isodow') || weekdayKept) ? 'month' : 'day';
}

/** Grouping keys, one per dimension asked for, in that order. */
export type Keys = string[] & { 0: string; 1: string; 2: string; 3: string };

export interface CountRow {
	keys: Keys;
	count: number;
}

/** Sums the rolled-up counts of some kinds over a range, by the given dimensions. */
export async function sumUsage(
	range: Range,
	kinds: string[],
	by: Dimension[],
	filters: UsageFilters = {},
	where: Record<string, string> = {}
): Promise<CountRow[]> {
	const grain = grainOf(range, kinds, by);
	const conditions: SQL[] = [
		grain === 'month'
			? sql`month between ${range.from}::date and ${range.to}::date`
			: sql`day between ${range.from}::date and ${range.to}::date`,
		sql`kind in (${sql.join(
			kinds.map((k) => sql`${k}`),
			sql`, `
		)})`
	];
	if (filters.branch) conditions.push(sql`facets ->> 'branch' = ${filters.branch}`);
	if (filters.service) conditions.push(sql`facets ->> 'service' = ${filters.service}`);
	if (filters.locale) conditions.push(sql`locale = ${filters.locale}`);
	for (const [name, value] of Object.entries(where))
		conditions.push(sql`facets ->> ${name} = ${value}`);
	const keys = by.map((d, i) => sql`${dimensionSql(d, grain)} as ${sql.raw(`k${i}`)}`);
	const groupBy = by.map((_, i) => sql.raw(String(i + 1)));
	const rows = resultRows<Record<string, string | number>>(
		await getDb().execute(sql`
			select ${keys.length > 0 ? sql.join([...keys, sql``], sql`, `) : sql``}
				sum(count)::bigint as total
			from ${grain === 'month' ? sql`usage_monthly` : sql`usage_daily`}
			where ${sql.join(conditions, sql` and `)}
			${groupBy.length > 0 ? sql`group by ${sql.join(groupBy, sql`, `)}` : sql``}`)
	);
	return rows
		.map((row) => ({
			keys: by.map((_, i) => String(row[`k${i}`])) as Keys,
			count: Number(row.total)
		}))
		.filter((row) => row.count > 0);
}

/** Weekly counts (7-day windows ending on `lastDay`) of one facet's values, oldest first. */
export async function weeklyUsage(
	lastDay: string,
	weeks: number,
	kind: string,
	facet: string
): Promise<{ key: string; week: number; count: number }[]> {
	const rows = resultRows<{ key: string; week: number; total: number }>(
		await getDb().execute(sql`
			select coalesce(facets ->> ${facet}, '') as key,
				(${lastDay}::date - day) / 7 as week, sum(count)::bigint as total
			from usage_daily
			where kind = ${kind} and day > ${lastDay}::date - ${weeks * 7}::int and day <= ${lastDay}::date
			group by 1, 2`)
	);
	return rows.map((r) => ({
		key: r.key,
		week: weeks - 1 - Number(r.week),
		count: Number(r.total)
	}));
}

export async function weeklySearches(
	lastDay: string,
	weeks: number,
	locale: string | null
): Promise<{ key: string; week: number; count: number }[]> {
	const rows = resultRows<{ key: string; week: number; total: number }>(
		await getDb().execute(sql`
			select locale || ':' || term as key, (${lastDay}::date - day) / 7 as week,
				sum(searches)::bigint as total
			from search_daily
			where day > ${lastDay}::date - ${weeks * 7}::int and day <= ${lastDay}::date
				${locale ? sql`and locale = ${locale}` : sql``}
			group by 1, 2`)
	);
	return rows.map((r) => ({
		key: r.key,
		week: weeks - 1 - Number(r.week),
		count: Number(r.total)
	}));
}

export interface SearchTermRow {
	locale: string;
	term: string;
	searches: number;
	zeroResults: number;
}

/** The most frequent terms per locale (all, or only those that found nothing). */
export async function topSearchTerms(
	range: Range,
	locale: string | null,
	perLocale: number,
	zeroOnly: boolean
): Promise<SearchTermRow[]> {
	const rows = resultRows<{ locale: string; term: string; searches: number; zero: number }>(
		await getDb().execute(sql`
			select locale, term, searches, zero from (
				select locale, term, sum(searches)::int as searches, sum(zero_results)::int as zero,
					row_number() over (partition by locale order by
						sum(${zeroOnly ? sql`zero_results` : sql`searches`}) desc, term) as rank
				from search_daily
				where day between ${range.from}::date and ${range.to}::date
					${locale ? sql`and locale = ${locale}` : sql``}
				group by locale, term
				${zeroOnly ? sql`having sum(zero_results) > 0` : sql``}
			) ranked where rank <= ${perLocale}
			order by locale, rank`)
	);
	return rows.map((r) => ({
		locale: r.locale,
		term: r.term,
		searches: Number(r.searches),
		zeroResults: Number(r.zero)
	}));
}

/** Callbacks not yet handled now, and how long the handled ones of the range took (minutes). */
export async function callbackTimes(range: Range): Promise<{
	waiting: number;
	handled: number;
	medianMinutes: number | null;
	p90Minutes: number | null;
}> {
	const [row] = resultRows<{
		waiting: number;
		handled: number;
		median: number | null;
		p90: number | null;
	}>(
		await getDb().execute(sql`
			select
				(select count(*)::int from callback_requests where finished_at is null) as waiting,
				count(*)::int as handled,
				percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at) / 60) as median,
				percentile_cont(0.9) within group (order by extract(epoch from finished_at - created_at) / 60) as p90
			from callback_requests
			where finished_at is not null and outcome <> 'withdrawn'
				and (finished_at at time zone 'Europe/Prague')::date between ${range.from}::date and ${range.to}::date`)
	);
	const minutes = (v: number | null) => (v === null ? null : Math.round(Number(v)));
	return {
		waiting: Number(row?.waiting ?? 0),
		handled: Number(row?.handled ?? 0),
		medianMinutes: minutes(row?.median ?? null),
		p90Minutes: minutes(row?.p90 ?? null)
	};
}

export interface NextFreeRow {
	branch: string;
	branchName: string;
	service: string;
	nextFree: Date | null;
}

/** Each active branch and action it offers, with its next free time from `from` on. */
export async function nextFreeByBranch(from: Date, filters: UsageFilters): Promise<NextFreeRow[]> {
	const rows = resultRows<{
		branch: string;
		name: string;
		service: string;
		next: string | Date | null;
	}>(
		await getDb().execute(sql`
			select b.slug as branch, b.name, sv.slug as service,
				(select min(s.starts_at) from slots s where s.branch_id = b.id and s.service_id = sv.id
					and s.booked < s.capacity and s.starts_at >= ${from.toISOString()}::timestamptz) as next
			from branch_services bs
			join branches b on b.id = bs.branch_id and b.active
			join services sv on sv.id = bs.service_id and sv.active
			where true ${filters.branch ? sql`and b.slug = ${filters.branch}` : sql``}
				${filters.service ? sql`and sv.slug = ${filters.service}` : sql``}
			order by b.name, sv.slug`)
	);
	return rows.map((r) => ({
		branch: r.branch,
		branchName: r.name,
		service: r.service,
		nextFree: r.next === null ? null : new Date(r.next)
	}));
}

/** How far back the waiting lists' history is read, in weeks. */
export const WAITLIST_WEEKS = 4;

/**
 * Each waiting list's history: how many were waiting at `now` and at the same moment 1 … 4
 * weeks before (an entry waits from joining until offered a seat or past its last day), and who
 * joined and was offered a seat in those 4 weeks. Reconstructed from the entries' own times.
 */
export async function waitlistTrend(
	now: Date,
	filters: UsageFilters
): Promise<
	{ branch: string; service: string; weekly: number[]; joined: number; offered: number }[]
> {
	const at = (weeksAgo: number) =>
		new Date(now.getTime() - weeksAgo * 7 * 86_400_000).toISOString();
	const points = Array.from({ length: WAITLIST_WEEKS + 1 }, (_, i) => WAITLIST_WEEKS - i);
	const waitingAt = (weeksAgo: number) => {
		const t = sql`${at(weeksAgo)}::timestamptz`;
		return sql`count(*) filter (where w.created_at <= ${t}
			and (w.offered_at is null or w.offered_at > ${t})
			and w.to_date >= (${t} at time zone 'Europe/Prague')::date)::int as ${sql.raw(`w${weeksAgo}`)}`;
	};
	const since = sql`${at(WAITLIST_WEEKS)}::timestamptz`;
	const rows = resultRows<Record<string, string | number>>(
		await getDb().execute(sql`
			select b.slug as branch, sv.slug as service, ${sql.join(points.map(waitingAt), sql`, `)},
				count(*) filter (where w.created_at >= ${since})::int as joined,
				count(*) filter (where w.offered_at >= ${since})::int as offered
			from waitlist_entries w
			join branches b on b.id = w.branch_id
			join services sv on sv.id = w.service_id
			where w.created_at <= ${at(0)}::timestamptz
				and (w.offered_at is null or w.offered_at >= ${since})
				and w.to_date >= (${since} at time zone 'Europe/Prague')::date
				${filters.branch ? sql`and b.slug = ${filters.branch}` : sql``}
				${filters.service ? sql`and sv.slug = ${filters.service}` : sql``}
			group by 1, 2 order by 1, 2`)
	);
	return rows.map((r) => ({
		branch: String(r.branch),
		service: String(r.service),
		weekly: points.map((w) => Number(r[`w${w}`])),
		joined: Number(r.joined),
		offered: Number(r.offered)
	}));
}

/**
 * Late proceedings by type at the end of each month of the range: the month's last snapshot
 * (a snapshot of day D is taken at its start, so it tells the end of D − 1). Type `*` is the
 * total.
 */
export async function lateByMonth(
	range: Range
): Promise<{ month: string; typeCode: string; late: number }[]> {
	return resultRows<{ month: string; type_code: string; late: number }>(
		await getDb().execute(sql`
			select to_char(day - 1, 'YYYY-MM') as month, type_code, late from late_proceedings_daily
			where day in (
				select max(day) from late_proceedings_daily
				where type_code = '*' and day > ${range.from}::date and day <= ${range.to}::date + 1
				group by to_char(day - 1, 'YYYY-MM'))
			order by 1, 2`)
	).map((r) => ({ month: r.month, typeCode: r.type_code, late: Number(r.late) }));
}

export async function satisfactionCommentRows(
	range: Range,
	task: string | null,
	locale: string | null,
	limit: number
): Promise<{ day: string; task: string; locale: string; score: number; comment: string }[]> {
	return resultRows<{ day: string; task: string; locale: string; score: number; comment: string }>(
		await getDb().execute(sql`
			select day::text as day, task, locale, score, comment from satisfaction_comments
			where day between ${range.from}::date and ${range.to}::date
				${task ? sql`and task = ${task}` : sql``}
				${locale ? sql`and locale = ${locale}` : sql``}
			order by day desc, id desc limit ${limit}`)
	).map((r) => ({ ...r, score: Number(r.score) }));
}

export async function insertSatisfactionComment(row: {
	day: string;
	task: string;
	locale: string;
	score: number;
	comment: string;
}): Promise<void> {
	await getDb().execute(sql`
		insert into satisfaction_comments (day, task, locale, score, comment)
		values (${row.day}::date, ${row.task}, ${row.locale}, ${row.score}, ${row.comment})`);
}

export async function unitCostRows(): Promise<{ channel: string; costHalere: number }[]> {
	return resultRows<{ channel: string; cost: number }>(
		await getDb().execute(sql`select channel, cost_halere as cost from insights_unit_costs`)
	).map((r) => ({ channel: r.channel, costHalere: Number(r.cost) }));
}

export async function upsertUnitCosts(
	costs: { channel: string; costHalere: number }[],
	userId: string,
	at: Date
): Promise<void> {
	if (costs.length === 0) return;
	await getDb().execute(sql`
		insert into insights_unit_costs (channel, cost_halere, updated_at, updated_by)
		values ${sql.join(
			costs.map(
				(c) =>
					sql`(${c.channel}, ${c.costHalere}, ${at.toISOString()}::timestamptz, ${userId}::uuid)`
			),
			sql`, `
		)}
		on conflict (channel) do update set cost_halere = excluded.cost_halere,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}

export async function branchAndServiceSlugs(): Promise<{
	branches: { slug: string; name: string }[];
	services: string[];
}> {
	const db = getDb();
	const branches = resultRows<{ slug: string; name: string }>(
		await db.execute(sql`select slug, name from branches order by name`)
	);
	const services = resultRows<{ slug: string }>(
		await db.execute(sql`select slug from services order by sort_order, slug`)
	).map((r) => r.slug);
	return { branches, services };
}

export async function checklistSlugs(): Promise<string[]> {
	return resultRows<{ slug: string }>(
		await getDb().execute(sql`select slug from checklists order by slug`)
	).map((r) => r.slug);
}

/** Months (YYYY-MM) with any daily counts up to `today`, newest first. */
export async function monthsWithCounts(today: string): Promise<string[]> {
	return resultRows<{ month: string }>(
		await getDb().execute(sql`
			select distinct to_char(month, 'YYYY-MM') as month from usage_monthly
			where month <= ${today}::date order by 1 desc`)
	).map((r) => r.month);
}
