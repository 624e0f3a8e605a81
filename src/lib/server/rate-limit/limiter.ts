import { createHmac } from 'node:crypto';
import { inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import { rateLimits } from './rate-limit.schema';

export interface LimitRule {
	/** Distinguishes limits sharing the table, e.g. `lookup:addr`. */
	name: string;
	points: number;
	durationSeconds: number;
}

export type LimitOutcome =
	{ allowed: true; points: Record<string, number> } | { allowed: false; retryAfterSeconds: number };

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

	/** One point from each named limit; refused, with the longest wait, if any is exhausted. */
	async consume(keys: Record<string, string>): Promise<LimitOutcome> {
		// A fixed order of keys: two requests upserting overlapping keys can never deadlock.
		const entries = Object.entries(keys)
			.map(([name, key]) => ({ rule: this.rule(name), key: `${name}:${key}` }))
			.sort((a, b) => (a.key < b.key ? -1 : 1));
		const rows = await this.store
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
				waitMs: sql<number>`greatest(0, extract(epoch from (${rateLimits.expire} - now())) * 1000)::float8`
			});
		let wait = 0;
		const points: Record<string, number> = {};
		for (const { rule, key } of entries) {
			const row = rows.find((r) => r.key === key)!;
			points[rule.name] = row.points;
			if (row.points > rule.points) wait = Math.max(wait, Math.ceil(Number(row.waitMs) / 1000));
		}
		return wait > 0
			? { allowed: false, retryAfterSeconds: Math.max(1, wait) }
			: { allowed: true, points };
	}

	/** Gives back the points of a legitimate success, so repeated honest use is never throttled. */
	async forgive(keys: Record<string, string>): Promise<void> {
		const stored = Object.entries(keys).map(([name, key]) => `${this.rule(name).name}:${key}`);
		await this.store.delete(rateLimits).where(inArray(rateLimits.key, stored));
	}

	private rule(name: string): LimitRule {
		const rule = this.rules.get(name);
		if (!rule) throw new Error(`No limit named ${name}`);
		return rule;
	}
}

/** Counters whose window ended before `before`: they only hold keyed hashes, but need not stay. */
export async function deleteExpiredLimits(db: Db, before: Date): Promise<number> {
	const gone = await db
		.delete(rateLimits)
		.where(lt(rateLimits.expire, before))
		.returning({ key: rateLimits.key });
	return gone.length;
}
