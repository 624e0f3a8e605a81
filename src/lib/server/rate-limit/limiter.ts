import { createHmac } from 'node:crypto';
import { and, gt, inArray, lt, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import { executeCompiled, jsonRows } from '../db/rows';
import { rateLimits } from './rate-limit.schema';

export interface LimitRule {
	/** Distinguishes limits sharing the table, e.g. `lookup:addr`. */
	name: string;
	points: number;
	durationSeconds: number;
	/**
	 * A limit strangers can fill for someone else (failures per account or per number): past it
	 * the request is slowed down, not locked — it passes with a valid proof of work.
	 */
	soft?: boolean;
}

/** Limits counted inside another statement (`Limits.within`), as that statement takes them. */
export interface ThrottleClause {
	/** The `with` clause the counters' upsert goes in. */
	name: string;
	shape: string;
	values: Record<string, string>;
	sql: () => { upsert: SQL; allowed: SQL };
}

/** A counter after the upsert. */
export interface LimitRow {
	key: string;
	points: number;
	waitMs: number;
}

export type LimitOutcome =
	| { allowed: true; points: Record<string, number> }
	| {
			allowed: false;
			retryAfterSeconds: number;
			/** Only soft limits are exhausted: a proof of work lets the request through. */
			proofRequired: boolean;
	  };

/** Keys are HMACs of the subject, so the store never holds addresses or numbers. */
export function limitKey(secret: string, ...parts: string[]): string {
	return createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/**
 * Fixed-window limits in PostgreSQL, in the storage layout of rate-limiter-flexible's Drizzle
 * store (key, points, expire), but all limits of one action in ONE statement: a lookup pays one
 * round trip for throttling instead of one per limit (docs/adr/0003). Counting happens in the
 * upsert itself, so concurrent requests can never slip past a limit.
 */
export class Limits {
	private readonly rules: Map<string, LimitRule>;

	/** `db` is for tests; otherwise the app's database at the time of each call. */
	constructor(
		rules: LimitRule[],
		private readonly db?: Db
	) {
		this.rules = new Map(rules.map((r) => [r.name, r]));
	}

	private get store(): Db {
		return this.db ?? getDb();
	}

	/**
	 * One point from each named limit; refused, with the longest wait, if any is exhausted (soft
	 * limits are passed when the request is `proven` by a proof of work).
	 */
	async consume(
		keys: Record<string, string>,
		{ proven = false }: { proven?: boolean } = {}
	): Promise<LimitOutcome> {
		const { entries, upsert } = this.upsert(keys);
		return this.verdict(entries, await upsert, proven);
	}

	/**
	 * The same consumption as part of another statement, so that a throttled write costs no
	 * second round trip, written for a compiled statement (db/rows.ts `executeCompiled`): within
	 * its `build`, `sql()` gives `upsert`, to go in a `with` clause named `name`, and `allowed`, a
	 * condition over it for that statement's write; `shape` and `values` (the keys, as
	 * placeholders `limit0`, `limit1`, …) go with the statement's own; `verdict` reads the
	 * counters the statement returns (as `json_agg` of the `with` clause: `key`, `points`,
	 * `waitMs`).
	 */
	within(
		name: string,
		keys: Record<string, string>,
		{ proven = false }: { proven?: boolean } = {}
	): ThrottleClause & { verdict: (rows: LimitRow[]) => LimitOutcome } {
		const entries = this.entries(keys);
		return {
			name,
			shape: `${name}:${entries.map(({ rule }) => rule.name).join(',')}${proven ? ':proven' : ''}`,
			values: Object.fromEntries(entries.map(({ key }, i) => [`limit${i}`, key])),
			sql: () => {
				const placed = entries.map(({ rule }, i) => ({ rule, key: sql.placeholder(`limit${i}`) }));
				const over = placed
					.filter(({ rule }) => !rule.soft || !proven)
					.map(({ rule, key }) => sql`(l.key = ${key} and l.points > ${rule.points})`);
				return {
					// The bare statement: a builder put in a template would come wrapped in parentheses.
					upsert: this.upsertOf(placed).getSQL(),
					allowed:
						over.length === 0
							? sql`true`
							: sql`not exists (select 1 from ${sql.identifier(name)} l where ${sql.join(over, sql` or `)})`
				};
			},
			verdict: (rows) => this.verdict(entries, rows, proven)
		};
	}

	/** The limits of `keys` with their stored keys, in a fixed order (see `upsertOf`). */
	private entries(keys: Record<string, string>) {
		return Object.entries(keys)
			.map(([name, key]) => ({ rule: this.rule(name), key: `${name}:${key}` }))
			.sort((a, b) => (a.key < b.key ? -1 : 1));
	}

	private upsert(keys: Record<string, string>) {
		const entries = this.entries(keys);
		return { entries, upsert: this.upsertOf(entries) };
	}

	/**
	 * One point more on each counter. The keys come in a fixed order (`entries`): two requests
	 * upserting overlapping keys can never deadlock. `within`'s shape names the limits in that
	 * order, so a compiled statement's placeholders always match its values.
	 */
	private upsertOf(entries: { rule: LimitRule; key: string | Placeholder }[]) {
		return this.store
			.insert(rateLimits)
			.values(
				entries.map(({ rule, key }) => ({
					key,
					points: 1,
					expire: sql`now() + make_interval(secs => ${rule.durationSeconds})`
				}))
			)
			.onConflictDoUpdate({
				target: rateLimits.key,
				set: {
					points: sql`case when ${rateLimits.expire} <= now() then 1 else ${rateLimits.points} + 1 end`,
					expire: sql`case when ${rateLimits.expire} <= now() then excluded.expire else ${rateLimits.expire} end`
				}
			})
			.returning({
				key: rateLimits.key,
				points: rateLimits.points,
				waitMs:
					sql<number>`greatest(0, extract(epoch from (${rateLimits.expire} - now())) * 1000)::float8`.as(
						'waitMs'
					)
			});
	}

	private verdict(
		entries: { rule: LimitRule; key: string }[],
		rows: LimitRow[],
		proven: boolean
	): LimitOutcome {
		let hard = 0;
		let soft = 0;
		const points: Record<string, number> = {};
		for (const { rule, key } of entries) {
			const row = rows.find((r) => r.key === key)!;
			points[rule.name] = row.points;
			if (row.points <= rule.points) continue;
			const wait = Math.max(1, Math.ceil(Number(row.waitMs) / 1000));
			if (rule.soft) soft = Math.max(soft, wait);
			else hard = Math.max(hard, wait);
		}
		if (hard > 0) return { allowed: false, retryAfterSeconds: hard, proofRequired: false };
		if (soft > 0 && !proven)
			return { allowed: false, retryAfterSeconds: soft, proofRequired: true };
		return { allowed: true, points };
	}

	/**
	 * Takes back the point a success spent, so only failures count (docs/adr/0003): the attempt
	 * was counted before its answer existed (no burst slips past), and a success leaves the
	 * count of earlier failures as it was — it never resets them.
	 */
	async refund(keys: Record<string, string>): Promise<void> {
		const stored = Object.entries(keys).map(([name, key]) => `${this.rule(name).name}:${key}`);
		await this.store
			.update(rateLimits)
			.set({ points: sql`greatest(0, ${rateLimits.points} - 1)` })
			.where(and(inArray(rateLimits.key, stored), gt(rateLimits.expire, sql`now()`)));
	}

	private rule(name: string): LimitRule {
		const rule = this.rules.get(name);
		if (!rule) throw new Error(`No limit named ${name}`);
		return rule;
	}
}

/** Counters whose window ended before `before`: they only hold keyed hashes, but need not stay. */
export async function deleteExpiredLimits(before: Date, db: Db = getDb()): Promise<number> {
	const gone = await db
		.delete(rateLimits)
		.where(lt(rateLimits.expire, before))
		.returning({ key: rateLimits.key });
	return gone.length;
}

/**
 * Runs a hot write that counts its own limits (`throttle`, from `Limits.within`) in ONE compiled
 * statement (db/rows.ts): `with <the counters' upsert>, <ctes> select <columns>` and the counters
 * (`counters`, for `verdict`). `build` gets `allowed`, true when no limit is over: nothing is
 * written past it.
 */
export async function executeThrottled<T extends Record<string, unknown>>(
	name: string,
	throttle: ThrottleClause,
	build: (allowed: SQL) => { ctes: SQL; columns: SQL },
	values: Record<string, unknown>
): Promise<T & { counters: LimitRow[] }> {
	const [row] = await executeCompiled<T & { counters: LimitRow[] | string | null }>(
		getDb(),
		name,
		throttle.shape,
		() => {
			const { upsert, allowed } = throttle.sql();
			const { ctes, columns } = build(allowed);
			const counters = sql.identifier(throttle.name);
			return sql`with ${counters} as (${upsert}), ${ctes}
				select ${columns}, (select json_agg(${counters}) from ${counters}) as counters`;
		},
		{ ...throttle.values, ...values }
	);
	return { ...row!, counters: jsonRows<LimitRow>(row!.counters) };
}
