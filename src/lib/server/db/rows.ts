/** drizzle's execute() returns an array on postgres.js and `{ rows }` on PGlite (STACK.md pitfall 4). */
export function resultRows<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
