import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WeeklyHours } from './booking/booking.schema';
import { POSTGRES_POOL_SIZE } from './db/pool';
import type { HotlineConfig, HotlineLine } from './escalation/hotline';
import { deadlineRules, type DeadlineRule } from './proceedings/legal-deadlines';

/** Raised for configuration that cannot work; the server prints its message and stops. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

export type AppMode = 'demo' | 'production';

export interface Config {
	mode: AppMode;
	/** postgres:// URL; absent means the embedded PGlite database under `dataDir`. */
	databaseUrl: string | undefined;
	dataDir: string;
	migrationsDir: string;
	/** Where the published content lives (`checklists/*.json`), loaded into the database at start. */
	contentDir: string;
	/** Secret for keyed hashes of identifiers (rate-limit keys); ≥ 32 characters in production. */
	appSecret: string;
	logLevel: string;
	/** Bearer key of the internal system's event feed (`POST /api/v1/proceedings/events`); unset disables it. */
	importApiKey: string | undefined;
	/** Public e-mail for written questions and accessibility feedback. */
	contactEmail: string;
	/** Demo accounts' password; generated at seed time when absent. */
	demoPassword: string | undefined;
	hotline: HotlineConfig;
	/** The public URL without a trailing slash, for links in e-mails (env ORIGIN). */
	publicOrigin: string;
	/** smtp:// or smtps:// URL of the mail relay; unset keeps e-mails in the outbox. */
	smtpUrl: string | undefined;
	/** The From header of every e-mail. */
	mailFrom: string;
	/**
	 * Work asked of a browser before it may hold a seat (altcha): the expected number of SHA-256
	 * attempts. 50 000 takes a cheap phone one to three seconds; env POW_WORK.
	 */
	proofOfWork: number;
	/**
	 * Booking form posts running at once per instance; more get 429 at once (booking-admission.ts).
	 * Env BOOKING_MAX_INFLIGHT; by default a few per database connection.
	 */
	bookingMaxInflight: number;
	/** Bearer token that opens `/metrics`; unset answers 404 there. Env METRICS_TOKEN. */
	metricsToken: string | undefined;
	/**
	 * After SIGTERM, how long `/api/ready` answers 503 while requests are still served, so the
	 * load balancer stops sending new ones before the listener closes (docs/adr/0010). Env
	 * SHUTDOWN_DRAIN_SECONDS; 5 in production, 0 in demo mode.
	 */
	drainSeconds: number;
	/**
	 * The address to listen on when HOST is not set: a demo only on this computer (127.0.0.1:
	 * its mailbox shows every booking link), production as adapter-node does (0.0.0.0).
	 */
	defaultHost: string | undefined;
	/** The decision time limit per proceeding type (legal-deadlines.ts), env PROCEEDING_DEADLINES replacing rules. */
	proceedingDeadlines: DeadlineRule[];
}

/** As the official portal lists the client centre line (ipc.gov.cz, checked 2026-12-04): Mon–Thu 8–16, Fri 8–12. */
export const DEFAULT_HOTLINE_HOURS: WeeklyHours = {
	'1': [['08:00', '16:00']],
	'2': [['08:00', '16:00']],
	'3': [['08:00', '16:00']],
	'4': [['08:00', '16:00']],
	'5': [['08:00', '12:00']]
};

export const DEFAULT_HOTLINE_LINES: HotlineLine[] = [
	{ id: 'main', number: '+420974801801', languages: ['cs', 'en'] },
	{ id: 'ukrainian', number: '+420974801802', languages: ['uk'] }
];

/**
 * Booking writes admitted per database connection: each is a chain of short round trips with
 * Node work in between, so several per connection keep the pool busy, and the 64-client rush of
 * `npm run bench:booking` is served without refusals; beyond that requests would only queue.
 */
const BOOKINGS_PER_CONNECTION = 8;

/**
 * A demo without APP_SECRET gets a random one, made once per data folder and kept there (a
 * public constant let anyone mint proofs of work and limit keys offline; issue 12, point 8).
 */
function demoSecret(dataDir: string): string {
	const file = join(dataDir, 'app-secret');
	try {
		const kept = readFileSync(file, 'utf8').trim();
		if (kept.length >= 32) return kept;
	} catch {
		// Not made yet.
	}
	mkdirSync(dataDir, { recursive: true });
	const secret = randomBytes(48).toString('base64url');
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}

function parseJson<T>(name: string, raw: string | undefined, fallback: T): T {
	if (raw === undefined || raw.trim() === '') return fallback;
	try {
		return JSON.parse(raw) as T;
	} catch {
		throw new ConfigError(`${name} is not valid JSON.`);
	}
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const rawMode = env.APP_MODE ?? 'demo';
	if (rawMode !== 'demo' && rawMode !== 'production') {
		throw new ConfigError(`APP_MODE must be "demo" or "production", not "${rawMode}".`);
	}
	const mode: AppMode = rawMode;
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
	}
	const appSecret = env.APP_SECRET ?? '';
	if (mode === 'production') {
		if (!databaseUrl) {
			throw new ConfigError(
				'APP_MODE=production needs DATABASE_URL (PostgreSQL); the embedded database is for demos.'
			);
		}
		if (appSecret.length < 32) {
			throw new ConfigError(
				'APP_MODE=production needs APP_SECRET of at least 32 random characters (e.g. openssl rand -base64 48).'
			);
		}
		if (env.IMPORT_API_KEY && env.IMPORT_API_KEY.length < 32) {
			throw new ConfigError('IMPORT_API_KEY must be at least 32 random characters.');
		}
		if (!env.ORIGIN) {
			throw new ConfigError(
				'APP_MODE=production needs ORIGIN, the public URL (e.g. https://pobyt.example.cz).'
			);
		}
	}
	const lines = parseJson<HotlineLine[]>('HOTLINE_LINES', env.HOTLINE_LINES, DEFAULT_HOTLINE_LINES);
	if (!Array.isArray(lines) || lines.some((l) => !/^\+[1-9]\d{6,14}$/.test(l?.number ?? ''))) {
		throw new ConfigError(
			'HOTLINE_LINES must be a list of {id, number (E.164), languages, and optionally hours}.'
		);
	}
	const smtpUrl = env.SMTP_URL?.trim() || undefined;
	if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
		throw new ConfigError('SMTP_URL must start with smtp:// or smtps://.');
	}
	const publicOrigin = (env.ORIGIN?.trim() || 'http://localhost:3000').replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+$/.test(publicOrigin)) {
		throw new ConfigError('ORIGIN must be a URL without a path, e.g. https://pobyt.example.cz.');
	}
	const proofOfWork = Number(env.POW_WORK ?? 50_000);
	if (!Number.isInteger(proofOfWork) || proofOfWork < 1 || proofOfWork > 10_000_000) {
		throw new ConfigError('POW_WORK must be a whole number from 1 to 10000000.');
	}
	const bookingMaxInflight = Number(
		env.BOOKING_MAX_INFLIGHT ?? BOOKINGS_PER_CONNECTION * POSTGRES_POOL_SIZE
	);
	if (!Number.isInteger(bookingMaxInflight) || bookingMaxInflight < 1) {
		throw new ConfigError('BOOKING_MAX_INFLIGHT must be a whole number of at least 1.');
	}
	const metricsToken = env.METRICS_TOKEN || undefined;
	if (metricsToken && metricsToken.length < 32) {
		throw new ConfigError('METRICS_TOKEN must be at least 32 random characters.');
	}
	const drainSeconds = Number(env.SHUTDOWN_DRAIN_SECONDS ?? (mode === 'production' ? 5 : 0));
	if (!Number.isFinite(drainSeconds) || drainSeconds < 0 || drainSeconds > 300) {
		throw new ConfigError('SHUTDOWN_DRAIN_SECONDS must be a number of seconds from 0 to 300.');
	}
	const hours = parseJson<WeeklyHours>('HOTLINE_HOURS', env.HOTLINE_HOURS, DEFAULT_HOTLINE_HOURS);
	const dataDir = resolve(env.DATA_DIR ?? 'data');
	let proceedingDeadlines: DeadlineRule[];
	try {
		proceedingDeadlines = deadlineRules(
			parseJson<unknown>('PROCEEDING_DEADLINES', env.PROCEEDING_DEADLINES, [])
		);
	} catch (error) {
		throw new ConfigError((error as Error).message);
	}
	return {
		mode,
		databaseUrl,
		dataDir,
		migrationsDir: resolve(env.MIGRATIONS_DIR ?? 'drizzle'),
		contentDir: resolve(env.CONTENT_DIR ?? 'content'),
		appSecret: appSecret || demoSecret(dataDir),
		logLevel: env.LOG_LEVEL ?? 'info',
		contactEmail: env.CONTACT_EMAIL ?? 'pobyty@mvcr.cz',
		importApiKey: env.IMPORT_API_KEY || undefined,
		demoPassword: mode === 'demo' ? env.DEMO_PASSWORD || undefined : undefined,
		hotline: { lines, hours },
		publicOrigin,
		smtpUrl,
		mailFrom: env.MAIL_FROM?.trim() || 'Pobyt <no-reply@pobyt.invalid>',
		proofOfWork,
		bookingMaxInflight,
		metricsToken,
		drainSeconds,
		defaultHost: mode === 'demo' ? '127.0.0.1' : undefined,
		proceedingDeadlines
	};
}

let loaded: Config | undefined;

/** The configuration of this process, read from the environment once. */
export function getConfig(): Config {
	loaded ??= loadConfig();
	return loaded;
}
