import pino from 'pino';

/**
 * The one logger. Log ids and outcomes, never personal data: no names, numbers of
 * proceedings or documents, dates of birth, e-mails, phone numbers, tokens or URLs with them.
 */
export const log = pino({
	level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
	base: { app: 'pobyt' },
	redact: {
		paths: ['*.password', '*.token', '*.email', '*.phone', '*.birthDate'],
		censor: '[redacted]'
	}
});

/**
 * What may be logged about an error: its name, the driver's code and where it happened — never
 * its message, which for a failed query quotes every parameter (a birth date, an e-mail).
 */
export function errorFacts(error: unknown): { name: string; code?: string; frames?: string } {
	let root = error as { cause?: unknown; code?: string; name?: string; stack?: string } | null;
	while (root?.cause && typeof root.cause === 'object') root = root.cause as typeof root;
	const e = error as { name?: string; stack?: string } | null;
	return {
		name: e?.name ?? typeof error,
		code: root?.code,
		// Only `at …` lines: a message may span lines (drizzle puts the parameters on the second).
		frames: e?.stack
			?.split('\n')
			.filter((line) => /^\s+at /.test(line))
			.slice(0, 7)
			.join('\n')
	};
}
