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
