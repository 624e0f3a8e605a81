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

/**
 * postgres.js's own codes for a connection that could not be made or was lost, and Node's for a
 * socket reset or refused (a PostgreSQL restart, a proxy dropping the connection).
 */
const CONNECTION_CODES = new Set([
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH'
]);

/**
 * SQLSTATE classes that say the database cannot serve now, not that the request is wrong:
 * 08 connection exception, 53 insufficient resources (too_many_connections), 57 operator
 * intervention (57014 statement timeout, 57P01 admin shutdown, 57P02 crash shutdown, 57P03
 * cannot connect now), 58 system error (I/O), 40 transaction rollback (serialization failure,
 * deadlock).
 */
const TRANSIENT_CLASSES = ['08', '53', '57', '58', '40'];
/** 55000 (a standby or a restarting server refusing the statement), 55006 object in use, 55P03 lock timeout. */
const TRANSIENT_CODES = new Set(['55000', '55006', '55P03']);

/**
 * Errors that say the database is overloaded or out of reach for a moment, not that the request
 * is wrong: asking again later is the right answer (a translated 503, or 429 where booking
 * admission answers, both with Retry-After). Data errors (classes 22, 23) are not among them: they
 * mean the input was not validated, a bug to fix.
 */
export function isOverloadError(error: unknown): boolean {
	const { code } = driverError(error);
	if (!code) return false;
	return (
		CONNECTION_CODES.has(code) ||
		TRANSIENT_CODES.has(code) ||
		TRANSIENT_CLASSES.includes(code.slice(0, 2))
	);
}
