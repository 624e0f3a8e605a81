import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { executeCompiled, jsonRows, p } from '../db/rows';
import type { EventKind, ProceedingNumber } from './proceeding-number';
import type { ProceedingEvent } from './proceeding-status';
import { proceedingEvents, proceedings } from './proceedings.schema';

export interface ProceedingRecord {
	id: string;
	number: number;
	serial: number | null;
	typeCode: string;
	year: number;
	complex: boolean;
}

export interface ProceedingWithEvents extends ProceedingRecord {
	events: ProceedingEvent[];
}

export interface LimitCharge {
	/** The stored key (already namespaced and keyed-hashed). */
	key: string;
	max: number;
	seconds: number;
	/** Past it a proof of work lets the lookup through (`proven`); see `LimitRule.soft`. */
	soft?: boolean;
}

interface LookupRow {
	allowed: boolean;
	hard_ok: boolean;
	wait: number;
	id: string | null;
	number: number;
	serial: number | null;
	type_code: string;
	year: number;
	complex: boolean;
	events: { kind: string; at: string; details: Record<string, string> | null }[] | string;
}

export type ThrottledLookup =
	| { allowed: false; retryAfterSeconds: number; proofRequired: boolean }
	| { allowed: true; proceeding: ProceedingWithEvents | null };

/**
 * The throttled lookup in ONE round trip. Only failed attempts are guesses, so only they are
 * counted: when no proceeding matches, a writable CTE adds a point to every limit (rate_limits,
 * keys in a fixed order so concurrent upserts cannot deadlock) and the verdict uses the counts
 * it returns, which include every concurrent guess already counted — a burst cannot slip past a
 * limit. A match writes nothing; it is refused only while a limit is already exhausted. So honest
 * lookups cost one read, and "wrong date of birth" and "unknown number" take the same path.
 * Soft limits (failures per number, which strangers can fill) are ignored when `proven`.
 */
export async function lookupThrottled(
	id: ProceedingNumber,
	birthDate: string,
	charges: LimitCharge[],
	proven = false
): Promise<ThrottledLookup> {
	const sorted = [...charges].sort((a, b) => (a.key < b.key ? -1 : 1));
	const values: Record<string, unknown> = {
		number: id.number,
		typeCode: id.typeCode,
		year: id.year,
		birthDate,
		proven
	};
	sorted.forEach((c, i) => (values[`key${i}`] = c.key));
	// Compiled once per set of limits and prepared (db/rows.ts): a lookup is one round trip
	// carrying only its parameters (docs/adr/0003).
	const [row] = await executeCompiled<LookupRow>(
		getDb(),
		'lookup_throttled',
		sorted.map((c) => `${c.max}/${c.seconds}/${c.soft === true}`).join(','),
		() => {
			const keys = sorted.map((_, i) => p[`key${i}`]!);
			const rows = sql.join(
				sorted.map(
					(c, i) => sql`(${keys[i]}::text, 1, now() + make_interval(secs => ${c.seconds}))`
				),
				sql`, `
			);
			const maxes = sql.join(
				sorted.map((c, i) => sql`(${keys[i]}::text, ${c.max}::int, ${c.soft === true}::boolean)`),
				sql`, `
			);
			return sql`
		with p as (
			select id, number, serial, type_code, year, complex from proceedings
			where number = ${p.number} and type_code = ${p.typeCode} and year = ${p.year}
				and birth_date = ${p.birthDate}
			limit 1
		), hit as (
			insert into rate_limits (key, points, expire)
			select * from (values ${rows}) as v(key, points, expire)
			where not exists (select 1 from p)
			on conflict (key) do update set
				points = case when rate_limits.expire <= now() then 1 else rate_limits.points + 1 end,
				expire = case when rate_limits.expire <= now() then excluded.expire else rate_limits.expire end
			returning key, points, expire
		), counted as (
			select key, points, expire from hit
			union all
			select key, points, expire from rate_limits
			where exists (select 1 from p) and key in (${sql.join(keys, sql`, `)}) and expire > now()
		), judged as (
			select c.points > l.max as over, l.soft, extract(epoch from c.expire - now()) as wait
			from counted c join (values ${maxes}) as l(key, max, soft) on l.key = c.key
		), verdict as (
			select not coalesce(bool_or(over and not soft), false) as hard_ok,
				not coalesce(bool_or(over and soft), false) as soft_ok,
				coalesce(max(case when over then wait end), 0)::float8 as wait
			from judged
		), decided as (
			select hard_ok and (soft_ok or ${p.proven}::boolean) as allowed, hard_ok, wait from verdict
		)
		select v.allowed, v.hard_ok, v.wait, p.id, p.number, p.serial, p.type_code, p.year, p.complex,
			coalesce((
				select json_agg(json_build_object('kind', e.kind, 'at', e.occurred_at, 'details', e.details) order by e.occurred_at)
				from proceeding_events e where e.proceeding_id = p.id
			), '[]'::json) as events
		from decided v
		left join p on v.allowed
		limit 1`;
		},
		values
	);
	if (!row || !row.allowed)
		return {
			allowed: false,
			retryAfterSeconds: Math.max(1, Math.ceil(Number(row?.wait ?? 1))),
			proofRequired: row?.hard_ok === true
		};
	if (!row.id) return { allowed: true, proceeding: null };
	const events = jsonRows(row.events);
	return {
		allowed: true,
		proceeding: {
			id: row.id,
			number: row.number,
			serial: row.serial,
			typeCode: row.type_code,
			year: row.year,
			complex: row.complex,
			events: events.map((e) => ({
				kind: e.kind as EventKind,
				occurredAt: new Date(e.at),
				details: e.details
			}))
		}
	};
}

/** One proceeding and its events by id (no throttling: for reads the caller has authorised). */
export async function findProceedingWithEvents(id: string): Promise<ProceedingWithEvents | null> {
	const db = getDb();
	const [head] = await db
		.select({
			id: proceedings.id,
			number: proceedings.number,
			serial: proceedings.serial,
			typeCode: proceedings.typeCode,
			year: proceedings.year,
			complex: proceedings.complex
		})
		.from(proceedings)
		.where(eq(proceedings.id, id));
	if (!head) return null;
	const events = await db
		.select({
			kind: proceedingEvents.kind,
			occurredAt: proceedingEvents.occurredAt,
			details: proceedingEvents.details
		})
		.from(proceedingEvents)
		.where(eq(proceedingEvents.proceedingId, id))
		.orderBy(asc(proceedingEvents.occurredAt), asc(proceedingEvents.id));
	return {
		...head,
		events: events.map((e) => ({
			kind: e.kind as EventKind,
			occurredAt: e.occurredAt,
			details: e.details ?? null
		}))
	};
}

/** A proceeding's id by its number (suffix ignored, as the official lookup ignores it). */
export async function proceedingIdByNumber(id: ProceedingNumber): Promise<string | null> {
	const [row] = await getDb()
		.select({ id: proceedings.id })
		.from(proceedings)
		.where(
			sql`${proceedings.number} = ${id.number} and ${proceedings.typeCode} = ${id.typeCode} and ${proceedings.year} = ${id.year}`
		);
	return row?.id ?? null;
}
