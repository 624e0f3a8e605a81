import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resultRows } from './db/rows';
import { purgeExpired } from './retention';
import { ENGINES, testDatabaseFor } from './testing/test-database';

const NOW = new Date('2026-11-24T09:30:00Z');

describe.each(ENGINES)('retention on %s', (engine) => {
	const t = testDatabaseFor(engine);

	it('deletes expired counters, unconfirmed sign-ups past their link, finished mail past 30 days — nothing else', async () => {
		const [proceeding] = resultRows<{ id: string }>(
			await t.db.execute(
				sql`insert into proceedings (number, type_code, year, birth_date) values (77, 'DP', 2026, '1990-01-01') returning id`
			)
		);
		await t.db.execute(sql`
			insert into rate_limits (key, points, expire) values
				('old', 3, '2026-11-24T07:00:00Z'), ('current', 1, '2026-11-24T10:00:00Z')`);
		await t.db.execute(sql`
			insert into status_subscriptions (proceeding_id, email, locale, confirm_token_hash, unsubscribe_token_hash, created_at, confirmed_at) values
				(${proceeding!.id}, 'stale@example.com', 'cs', '\\x01', '\\x11', '2026-11-10T00:00:00Z', null),
				(${proceeding!.id}, 'fresh@example.com', 'cs', '\\x02', '\\x12', '2026-11-23T00:00:00Z', null),
				(${proceeding!.id}, 'kept@example.com', 'cs', '\\x03', '\\x13', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`);
		await t.db.execute(sql`
			insert into mail_outbox (to_address, subject, text_body, created_at, sent_at, attempts) values
				('a@example.com', 'old sent', 'x', '2026-09-01T00:00:00Z', '2026-09-01T00:01:00Z', 1),
				('b@example.com', 'recent sent', 'x', '2026-11-20T00:00:00Z', '2026-11-20T00:01:00Z', 1),
				('c@example.com', 'old given up', 'x', '2026-09-01T00:00:00Z', null, 10),
				('d@example.com', 'old still trying', 'x', '2026-09-01T00:00:00Z', null, 3)`);

		const left = async (query: ReturnType<typeof sql>) =>
			resultRows<{ v: string }>(await t.db.execute(query))
				.map((r) => r.v)
				.sort();
		const [user] = resultRows<{ id: string }>(
			await t.db.execute(
				sql`insert into staff_users (email, display_name, password_hash) values ('s@pobyt.demo', 'S', 'x') returning id`
			)
		);
		await t.db.execute(sql`
			insert into staff_sessions (id, secret_hash, user_id, created_at, last_used_at) values
				('idle', '\\x01', ${user!.id}, '2026-11-24T08:00:00Z', '2026-11-24T08:59:00Z'),
				('capped', '\\x02', ${user!.id}, '2026-11-23T21:00:00Z', '2026-11-24T09:29:00Z'),
				('live', '\\x03', ${user!.id}, '2026-11-24T08:00:00Z', '2026-11-24T09:10:00Z')`);

		await t.db.execute(sql`
			insert into call_contexts (code, token_hash, locale, page_path, question, created_at, expires_at) values
				('100001', '\\x21', 'uk', '/help', 'long expired', '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z'),
				('100002', '\\x22', 'uk', '/help', 'expired yesterday', '2026-11-22T09:00:00Z', '2026-11-23T09:00:00Z')`);
		await t.db.execute(sql`
			insert into callback_requests (token_hash, phone, locale, created_at, next_attempt_at, finished_at, outcome) values
				('\\x31', '+420777000001', 'uk', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', 'completed'),
				('\\x32', '+420777000002', 'uk', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-11-20T00:00:00Z', 'unreachable'),
				('\\x33', '+420777000003', 'uk', '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', null, null)`);

		expect(await purgeExpired(NOW)).toEqual({
			rateLimits: 1,
			unconfirmedSubscriptions: 1,
			finishedMail: 2,
			staffSessions: 2,
			hotlineContexts: 1,
			callbackRequests: 1,
			usageEvents: 0,
			searchQueries: 0,
			satisfactionComments: 0
		});
		expect(await left(sql`select coalesce(question, '(erased)') as v from call_contexts`)).toEqual([
			'(erased)',
			'expired yesterday'
		]);
		expect(await left(sql`select phone as v from callback_requests`)).toEqual([
			'+420777000002',
			'+420777000003'
		]);
		expect(await left(sql`select id as v from staff_sessions`)).toEqual(['live']);

		expect(await left(sql`select key as v from rate_limits`)).toEqual(['current']);
		expect(await left(sql`select email as v from status_subscriptions`)).toEqual([
			'fresh@example.com',
			'kept@example.com'
		]);
		expect(await left(sql`select subject as v from mail_outbox`)).toEqual([
			'old still trying',
			'recent sent'
		]);
		// Running again changes nothing.
		expect(await purgeExpired(NOW)).toEqual({
			rateLimits: 0,
			unconfirmedSubscriptions: 0,
			finishedMail: 0,
			staffSessions: 0,
			hotlineContexts: 0,
			callbackRequests: 0,
			usageEvents: 0,
			searchQueries: 0,
			satisfactionComments: 0
		});
	});
});
