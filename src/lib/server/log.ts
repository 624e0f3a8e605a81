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
