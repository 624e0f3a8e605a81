import { sql } from 'drizzle-orm';
import { getDb } from '../db';
import { resultRows } from '../db/rows';
import type { EventKind, ProceedingNumber } from './proceeding-number';
import type { ProceedingEvent } from './proceeding-status';

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
}

export type ThrottledLookup =
	| { allowed: false; retryAfterSeconds: number }
	| { allowed: true; points: Record<string, number>; proceeding: ProceedingWithEvents | null };

/**
 * The throttled lookup in ONE round trip: a writable CTE counts the attempt against every limit
 * (rate_limits, keys in a fixed order so concurrent upserts cannot deadlock), and the same
 * statement reads the proceeding only if no limit is exceeded. The count happens before any
 * answer exists, so a burst of concurrent guesses cannot slip past a limit.
 */
export async function lookupThrottled(
	id: ProceedingNumber,
	birthDate: string,
	charges: LimitCharge[]
): Promise<ThrottledLookup> {
	const sorted = [...charges].sort((a, b) => (a.key < b.key ? -1 : 1));
	const values = sql.join(
		sorted.map((c) => sql`(${c.key}, 1, now() + make_interval(secs => ${c.seconds}))`),
		sql`, `
	);
	const maxes = sql.join(
		sorted.map((c) => sql`(${c.key}::text, ${c.max}::int)`),
		sql`, `
	);
	const result = await getDb().execute(sql`
		with hit as (
			insert into rate_limits (key, points, expire) values ${values}
			on conflict (key) do update set
				points = case when rate_limits.expire <= now() then 1 else rate_limits.points + 1 end,
				expire = case when rate_limits.expire <= now() then excluded.expire else rate_limits.expire end
			returning key, points, expire
		), verdict as (
			select bool_and(h.points <= l.max) as allowed,
				coalesce(max(case when h.points > l.max then extract(epoch from h.expire - now()) end), 0)::float8 as wait,
				json_object_agg(h.key, h.points) as points
			from hit h join (values ${maxes}) as l(key, max) on l.key = h.key
		)
		select v.allowed, v.wait, v.points, p.id, p.number, p.serial, p.type_code, p.year, p.complex,
			coalesce((
				select json_agg(json_build_object('kind', e.kind, 'at', e.occurred_at, 'details', e.details) order by e.occurred_at)
				from proceeding_events e where e.proceeding_id = p.id
			), '[]'::json) as events
		from verdict v
		left join proceedings p on v.allowed
			and p.number = ${id.number} and p.type_code = ${id.typeCode} and p.year = ${id.year}
			and p.birth_date = ${birthDate}
		limit 1`);
	const [row] = resultRows<{
		allowed: boolean;
		wait: number;
		points: Record<string, number> | string;
		id: string | null;
		number: number;
		serial: number | null;
		type_code: string;
		year: number;
		complex: boolean;
		events: { kind: string; at: string; details: Record<string, string> | null }[] | string;
	}>(result);
	if (!row || !row.allowed)
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row?.wait ?? 1))) };
	const points = typeof row.points === 'string' ? JSON.parse(row.points) : row.points;
	if (!row.id) return { allowed: true, points, proceeding: null };
	const events = (typeof row.events === 'string' ? JSON.parse(row.events) : row.events) as {
		kind: string;
		at: string;
		details: Record<string, string> | null;
	}[];
	return {
		allowed: true,
		points,
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
