import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enqueueMail } from '../mail/outbox.repository';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { databaseReadings } from './metrics.repository';

const NOW = new Date('2026-11-24T10:00:00Z');

describe.each(ENGINES)('the database readings of /metrics on %s', (engine) => {
	const t = testDatabaseFor(engine);

	it('count the unsent outbox, its oldest e-mail, the due callbacks and the pool', async () => {
		const empty = await databaseReadings(NOW);
		expect(empty).toMatchObject({ outboxDepth: 0, outboxOldestSeconds: 0, callbackDepth: 0 });
		await enqueueMail([
			{ to: 'a@example.com', subject: 'a', text: 'a', listUnsubscribe: null },
			{ to: 'b@example.com', subject: 'b', text: 'b', listUnsubscribe: null }
		]);
		await t.db.execute(
			sql`insert into callback_requests (token_hash, phone, locale, created_at, next_attempt_at)
			values ('\\x01', '+420601000001', 'cs', '2026-11-24T09:00:00Z', '2026-11-24T09:00:00Z'),
				('\\x02', '+420601000002', 'cs', '2026-11-24T09:00:00Z', '2026-11-24T12:00:00Z')`
		);
		const readings = await databaseReadings(NOW);
		expect(readings.outboxDepth).toBe(2);
		expect(readings.outboxOldestSeconds).toBeGreaterThanOrEqual(0);
		// The second request is due only at noon.
		expect(readings.callbackDepth).toBe(1);
		if (engine === 'postgres') {
			expect(readings.pool!.open).toBeGreaterThanOrEqual(1);
			expect(readings.pool!.busy).toBeGreaterThanOrEqual(0);
		} else {
			expect(readings.pool).toBeNull();
		}
	});
});
