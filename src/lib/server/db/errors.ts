/** The driver's error behind drizzle's `DrizzleQueryError` wrapper (postgres.js and PGlite alike). */
export function driverError(error: unknown): { code?: string; message: string } {
	let e = error as {
		cause?: unknown;
		code?: string;
		message?: string;
		errors?: { code?: string }[];
	};
	while (e?.cause && typeof e.cause === 'object') e = e.cause as typeof e;
	return { code: e?.code ?? e?.errors?.[0]?.code, message: e?.message ?? String(error) };
}

/** postgres.js's own codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);

/**
 * Errors that say the database is overloaded or out of reach for a moment, not that the request
 * is wrong: SQLSTATE class 08 (connection exception), class 53 (insufficient resources, e.g.
 * too_many_connections), 57014 (statement timeout), 57P03 (cannot connect now), 55P03 (lock
 * timeout), and the driver's connection failures. Asking again later is the right answer.
 */
export function isOverloadError(error: unknown): boolean {
	const { code } = driverError(error);
	if (!code) return false;
	return (
		CONNECTION_CODES.has(code) ||
		code.startsWith('08') ||
		code.startsWith('53') ||
		['57014', '57P03', '55P03'].includes(code)
	);
}
