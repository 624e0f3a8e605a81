import { createHmac } from 'node:crypto';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db';
import { rateLimits } from './rate-limit.schema';

export interface LimitRule {
	/** Distinguishes limiters sharing the table, e.g. `lookup:addr`. */
	name: string;
	points: number;
	durationSeconds: number;
}

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Keys are HMACs of the subject, so the store never holds addresses or numbers. */
export function limitKey(secret: string, ...parts: string[]): string {
	return createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/** A set of limits that all apply to one action; consuming any that is exhausted refuses it. */
export class Limits {
	private readonly limiters: Map<string, RateLimiterDrizzle>;

	constructor(db: Db, rules: LimitRule[]) {
		this.limiters = new Map(
			rules.map((r) => [
				r.name,
				new RateLimiterDrizzle({
					storeClient: db,
					schema: rateLimits,
					keyPrefix: r.name,
					points: r.points,
					duration: r.durationSeconds
				})
			])
		);
	}

	/** One point from each named limit; refused with the longest wait if any is exhausted. */
	async consume(keys: Record<string, string>): Promise<LimitOutcome> {
		const results = await Promise.allSettled(
			Object.entries(keys).map(([name, key]) => this.limiter(name).consume(key))
		);
		let wait = 0;
		for (const result of results) {
			if (result.status === 'rejected') {
				if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
				wait = Math.max(wait, Math.ceil(result.reason.msBeforeNext / 1000));
			}
		}
		return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
	}

	/** Gives back the points of a legitimate success, so repeated honest use is never throttled. */
	async forgive(keys: Record<string, string>): Promise<void> {
		await Promise.all(Object.entries(keys).map(([name, key]) => this.limiter(name).delete(key)));
	}

	private limiter(name: string): RateLimiterDrizzle {
		const limiter = this.limiters.get(name);
		if (!limiter) throw new Error(`No limit named ${name}`);
		return limiter;
	}
}
