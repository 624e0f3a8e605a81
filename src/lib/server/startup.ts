import nodemailer from 'nodemailer';
import { useDatabase } from './db';
import { openConfiguredDatabase, prepareDatabase } from './db/start';
import { formatDemoAccounts } from './db/seed';
import { ConfigError, getConfig } from './config';
import { flushUsageEvents } from './insights/insights.service';
import { log } from './log';
import { purgeExpired } from './retention';
import { now } from './clock';
import { deliverPending } from './mail/outbox.service';
import { runDueDraws } from './draw/releases.service';
import { sweepExpiredHolds } from './booking/bookings.service';
import { installDrain } from './shutdown';

/** Everything the server needs before it takes requests. Bad configuration: one line, exit 1. */
export async function startServer(): Promise<void> {
	try {
		const cfg = getConfig();
		// adapter-node reads HOST after this hook ran (build/index.js imports the handler first).
		if (cfg.defaultHost && process.env.HOST === undefined) process.env.HOST = cfg.defaultHost;
		const database = await openConfiguredDatabase(cfg);
		const { demoAccounts } = await prepareDatabase(database, cfg);
		useDatabase(database);
		process.once('sveltekit:shutdown', () => {
			void flushUsageEvents()
				.finally(() => database.close().catch(() => {}))
				.finally(() => log.info('database closed'));
		});
		installDrain(cfg.drainSeconds);
		if (cfg.smtpUrl) startMailDelivery(cfg.smtpUrl, cfg.mailFrom);
		startRetention();
		startDraws(cfg.appSecret, cfg.publicOrigin);
		startHoldSweep(cfg.publicOrigin);
		// Only a demo-mode first start creates accounts (db/start.ts), so production prints nothing.
		if (demoAccounts.length > 0) console.log(formatDemoAccounts(demoAccounts));
		log.info({ engine: database.engine, mode: cfg.mode }, 'database ready');
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`pobyt: ${error.message}`);
		} else {
			console.error(`pobyt: start-up failed: ${(error as Error)?.message ?? String(error)}`);
		}
		process.exit(1);
	}
}

const DELIVERY_INTERVAL_MS = 5000;
const RETENTION_INTERVAL_MS = 10 * 60 * 1000;
const DRAW_INTERVAL_MS = 10_000;
const HOLD_SWEEP_INTERVAL_MS = 10_000;

/** Deletes what no longer serves a purpose (retention.ts), every 10 minutes on every instance. */
function startRetention(): void {
	every(RETENTION_INTERVAL_MS, 'retention purge', () => purgeExpired(now()));
}

/**
 * Runs `work` every `ms` on this instance, never two runs at once, logging a failure by its name
 * only (no data); stopped on shutdown.
 */
function every(ms: number, name: string, work: () => Promise<unknown>, stop?: () => void): void {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		work()
			.catch((error: unknown) => {
				log.error({ err: (error as Error)?.name ?? 'unknown' }, `${name} failed`);
			})
			.finally(() => {
				running = false;
			});
	}, ms);
	timer.unref();
	process.once('sveltekit:shutdown', () => {
		clearInterval(timer);
		stop?.();
	});
}

/**
 * Makes due draws (issue 13) every 10 s on every instance: each draw runs in one transaction
 * that locks its release, so a second instance finds nothing to do (docs/adr/0009).
 */
function startDraws(secret: string, origin: string): void {
	every(DRAW_INTERVAL_MS, 'draw runner', () => runDueDraws({ secret, origin }, now()));
}

/**
 * Gives the seats of expired holds back every 10 s and offers each to the first person on its
 * waiting list, as a cancellation does; seats nobody waits for show free on the times pages (a
 * hold finding its own slot full also sweeps that slot, bookings.service.ts). Each expired hold
 * is deleted by exactly one statement, whichever instance runs it.
 */
function startHoldSweep(origin: string): void {
	every(HOLD_SWEEP_INTERVAL_MS, 'hold sweep', () => sweepExpiredHolds(now(), origin));
}

/**
 * Sends the outbox every 5 s. Every instance may run this: rows are claimed with SKIP LOCKED
 * (outbox.repository.ts), so none is sent twice. Without SMTP_URL mail stays in the outbox.
 */
function startMailDelivery(smtpUrl: string, from: string): void {
	const transport = nodemailer.createTransport(smtpUrl);
	every(
		DELIVERY_INTERVAL_MS,
		'mail delivery',
		() => deliverPending(transport, now(), 20, { from }),
		() => transport.close()
	);
	log.info('mail delivery started');
}
