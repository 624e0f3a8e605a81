import type { SQL } from 'drizzle-orm';
import type { Db } from './engine';

/** drizzle's execute() returns an array on postgres.js and `{ rows }` on PGlite (STACK.md pitfall 4). */
export function resultRows<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

interface Sessioned {
	session: {
		prepareQuery(
			query: { sql: string; params: unknown[] },
			fields: undefined,
			name: string,
			arrayMode: boolean
		): { execute(): Promise<unknown> };
	};
	dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/**
 * Runs a statement of a hot path as a prepared one. drizzle runs `execute()` unnamed, and
 * postgres.js then describes every statement with parameters in a round trip of its own before
 * running it: two round trips per statement. Prepared, it is described once per connection (the
 * driver keys its cache by the SQL text) and then costs one round trip. PGlite is unaffected.
 */
export async function executePrepared<T>(db: Db, name: string, query: SQL): Promise<T[]> {
	const { session, dialect } = db as unknown as Sessioned;
	return resultRows<T>(
		await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()
	);
}
