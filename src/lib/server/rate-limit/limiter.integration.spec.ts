import { describe, expect, it } from 'vitest';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { limitKey, Limits } from './limiter';

describe.each(ENGINES)('limits on %s', (engine) => {
	const t = testDatabaseFor(engine);

	it('refuses past the limit with the wait, counts every limit, and refunds one point', async () => {
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
		await limits.refund(keys);
		// A refund gives back one point; the failures before it still count.
		expect((await limits.consume(keys)).allowed).toBe(false);
		await limits.refund(keys);
		await limits.refund(keys);
		expect(await limits.consume(keys)).toEqual({ allowed: true, points: { a: 2, b: 2 } });
	});

	it('a soft limit asks for a proof of work instead of locking; a hard one locks', async () => {
		const limits = new Limits(
			[
				{ name: 'soft', points: 1, durationSeconds: 600, soft: true },
				{ name: 'hard', points: 3, durationSeconds: 600 }
			],
			t.db
		);
		const keys = { soft: limitKey('s', 'account'), hard: limitKey('s', 'addr') };
		expect((await limits.consume(keys)).allowed).toBe(true);
		const second = await limits.consume(keys);
		expect(second).toMatchObject({ allowed: false, proofRequired: true });
		expect((await limits.consume(keys, { proven: true })).allowed).toBe(true);
		const fourth = await limits.consume(keys, { proven: true });
		expect(fourth).toMatchObject({ allowed: false, proofRequired: false });
	});

	it('keys are keyed hashes: the subject never appears', () => {
		const key = limitKey('secret', '198.51.100.23', 'OAM-51727/DP-2025');
		expect(key).not.toContain('198.51');
		expect(key).toHaveLength(32);
		expect(limitKey('other-secret', '198.51.100.23', 'OAM-51727/DP-2025')).not.toBe(key);
	});
});
