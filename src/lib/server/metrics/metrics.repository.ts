import { sql } from 'drizzle-orm';
import { getDatabase } from '../db';
import { POOL_APPLICATION_NAME } from '../db/pool';
import { resultRows } from '../db/rows';

export interface DatabaseReadings {
	outboxDepth: number;
	/** Seconds since the oldest unsent e-mail was written; 0 when none waits. */
	outboxOldestSeconds: number;
	/** Unfinished callback requests whose time has come. */
	callbackDepth: number;
	/** This instance's connections (PostgreSQL only; PGlite has one, always). */
	pool: { open: number; busy: number } | null;
}

/**
 * One statement per scrape, on partial indexes (`mail_outbox_pending`, `callback_requests_queue`)
 * and the server's own activity view. The outbox's age is measured on the database's clock, the
 * one that stamped `created_at`; the callback queue on the application's, which set its times.
 */
export async function databaseReadings(now: Date): Promise<DatabaseReadings> {
	const database = getDatabase();
	const pool =
		database.engine === 'postgres'
			? sql`(select json_build_object('open', count(*), 'busy', count(*) filter (where state <> 'idle') - 1)
				from pg_stat_activity where application_name = ${POOL_APPLICATION_NAME})`
			: sql`null::json`;
	const [row] = resultRows<{
		outbox_depth: number;
		outbox_oldest: number;
		callback_depth: number;
		pool: { open: number; busy: number } | null;
	}>(
		await database.db.execute(sql`
			select
				(select count(*)::int from mail_outbox where sent_at is null) as outbox_depth,
				coalesce((select greatest(0, extract(epoch from now() - min(created_at)))::float8
					from mail_outbox where sent_at is null), 0) as outbox_oldest,
				(select count(*)::int from callback_requests
					where finished_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz) as callback_depth,
				${pool} as pool`)
	);
	return {
		outboxDepth: Number(row?.outbox_depth ?? 0),
		outboxOldestSeconds: Number(row?.outbox_oldest ?? 0),
		callbackDepth: Number(row?.callback_depth ?? 0),
		pool: row?.pool
			? { open: Number(row.pool.open), busy: Math.max(0, Number(row.pool.busy)) }
			: null
	};
}
