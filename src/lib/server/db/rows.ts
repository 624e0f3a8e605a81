import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from './engine';

/** drizzle's execute() returns an array on postgres.js and `{ rows }` on PGlite (STACK.md pitfall 4). */
export function resultRows<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A `json_agg` column: parsed by postgres.js, text from PGlite; `null` when it had no rows. */
export function jsonRows<T>(value: T[] | string | null): T[] {
	return typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []);
}

interface Compiled {
	sql: string;
	params: unknown[];
}

interface Sessioned {
	session: {
		prepareQuery(
			query: Compiled,
			fields: undefined,
			name: string,
			arrayMode: boolean
		): { execute(values: Record<string, unknown>): Promise<unknown> };
	};
	dialect: { sqlToQuery(query: SQL): Compiled };
}

/** Statement texts by name and shape; both engines' dialects write the same text. */
const compiled = new Map<string, Compiled>();

/** `p.name` is the placeholder `name`, filled from `values` when a compiled statement runs. */
export const p = new Proxy({} as Record<string, Placeholder>, {
	get: (_, name) => sql.placeholder(String(name))
});

/**
 * Runs a statement of a hot path, compiled once and prepared. `build` writes it with
 * placeholders (`p.name`) and runs only the first time a `name` and `shape` are seen (`shape`
 * names what changes its text, such as how many limits it counts); each call fills in `values`.
 * drizzle would otherwise build the statement and its text again for every request (a tenth of a
 * draw entry's CPU, docs/adr/0003), and runs `execute()` unnamed, so postgres.js would describe
 * every statement with parameters in a round trip of its own before running it. Prepared, it
 * is described once per connection (the driver keys its cache by the text) and then costs one
 * round trip. PGlite is unaffected.
 */
export async function executeCompiled<T>(
	db: Db,
	name: string,
	shape: string,
	build: () => SQL,
	values: Record<string, unknown>
): Promise<T[]> {
	const { session, dialect } = db as unknown as Sessioned;
	const key = `${name}\u0000${shape}`;
	let query = compiled.get(key);
	if (!query) compiled.set(key, (query = dialect.sqlToQuery(build())));
	return resultRows<T>(await session.prepareQuery(query, undefined, name, false).execute(values));
}
