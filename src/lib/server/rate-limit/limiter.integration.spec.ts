import { describe, expect, it } from 'vitest';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { limitKey, Limits } from './limiter';

describe.each(ENGINES)('limits on %s', (engine) => {
	const t = testDatabaseFor(engine);

	it('refuses past the limit with the wait, counts every limit, and forgives', async () => {
		const limits = new Limits(
			[
				{ name: 'a', points: 2, durationSeconds: 600 },
				{ name: 'b', points: 5, durationSeconds: 60 }
			],
			t.db
		);
		const keys = { a: limitKey('s', '192.0.2.1'), b: limitKey('s', '192.0.2.1', 'x') };
		expect(await limits.consume(keys)).toEqual({ allowed: true, points: { a: 1, b: 1 } });
		expect(await limits.consume(keys)).toEqual({ allowed: true, points: { a: 2, b: 2 } });
		const third = await limits.consume(keys);
		expect(third.allowed).toBe(false);
		if (!third.allowed) expect(third.retryAfterSeconds).toBeGreaterThan(590);
		await limits.forgive(keys);
		expect(await limits.consume(keys)).toEqual({ allowed: true, points: { a: 1, b: 1 } });
	});

	it('keys are keyed hashes: the subject never appears', () => {
		const key = limitKey('secret', '198.51.100.23', 'OAM-51727/DP-2025');
		expect(key).not.toContain('198.51');
		expect(key).toHaveLength(32);
		expect(limitKey('other-secret', '198.51.100.23', 'OAM-51727/DP-2025')).not.toBe(key);
	});
});
