// Prometheus metrics of one instance (issue "Operations and national scale"), scraped at
// `/metrics` with the bearer token. Counters and histograms are kept in memory per process, as
// Prometheus expects: it scrapes every instance and adds them up. What lives in the database
// (outbox, callback queue, the pool's connections) is read when scraped, by one cheap query.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { driverError, isOverloadError } from '../db/errors';
import { POSTGRES_POOL_SIZE } from '../db/pool';
import { log, errorFacts } from '../log';
import { isDraining } from '../shutdown';
import { databaseReadings } from './metrics.repository';

export const registry = new Registry();
// Process CPU, memory, handles, and the event loop's delay (nodejs_eventloop_lag_*).
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

const requestDuration = new Histogram({
	name: 'pobyt_http_request_duration_seconds',
	help: 'Time to answer a request, by route id (never the path: paths carry tokens) and status class.',
	labelNames: ['route', 'status_class'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

const bookingSteps = new Counter({
	name: 'pobyt_booking_steps_total',
	help: 'Booking outcomes: seats held, bookings confirmed, cancelled, rescheduled.',
	labelNames: ['step'] as const,
	registers: [registry]
});

const bookingRefusals = new Counter({
	name: 'pobyt_booking_refusals_total',
	help: 'Booking attempts refused, by reason (full, proof, throttled, limit, busy, overloaded, …).',
	labelNames: ['reason'] as const,
	registers: [registry]
});

const databaseErrors = new Counter({
	name: 'pobyt_db_errors_total',
	help: 'Database errors that reached a request or a scrape, by SQLSTATE class or driver code.',
	labelNames: ['class'] as const,
	registers: [registry]
});

/** Booking writes running now and the most admitted at once (booking-admission.ts). */
let admission: { inFlight: () => number; limit: () => number } = {
	inFlight: () => 0,
	limit: () => 0
};

export function observeAdmission(source: typeof admission): void {
	admission = source;
}

new Gauge({
	name: 'pobyt_admission_in_flight',
	help: 'Booking form posts being served now on this instance.',
	registers: [registry],
	collect() {
		this.set(admission.inFlight());
	}
});

new Gauge({
	name: 'pobyt_admission_limit',
	help: 'Booking form posts admitted at once on this instance; the rest get 429 at once (they never wait).',
	registers: [registry],
	collect() {
		this.set(admission.limit());
	}
});

new Gauge({
	name: 'pobyt_draining',
	help: '1 from SIGTERM until exit: /api/ready answers 503 (docs/adr/0010).',
	registers: [registry],
	collect() {
		this.set(isDraining() ? 1 : 0);
	}
});

const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
const databaseUp = gauge('pobyt_database_up', '1 when the scrape could read the database.');
const outboxDepth = gauge('pobyt_outbox_depth', 'E-mails in the outbox not sent yet.');
const outboxOldest = gauge(
	'pobyt_outbox_oldest_age_seconds',
	'Age of the oldest e-mail not sent yet (0 when the outbox is empty).'
);
const callbackDepth = gauge(
	'pobyt_callback_queue_depth',
	'Callback requests due and unfinished: what agents have to call back now.'
);
const poolMax = gauge('pobyt_db_pool_max_connections', 'Connections this instance may open.');
const poolOpen = gauge('pobyt_db_pool_open_connections', 'Connections this instance has open.');
const poolBusy = gauge(
	'pobyt_db_pool_busy_connections',
	'Connections of this instance running a statement or inside a transaction (the scrape excluded).'
);

/** Status class of a response, as a label: `2xx` … `5xx`. */
export function statusClass(status: number): string {
	return `${Math.floor(status / 100)}xx`;
}

export function observeRequest(route: string | null, status: number, seconds: number): void {
	requestDuration.observe(
		{ route: route ?? 'unmatched', status_class: statusClass(status) },
		seconds
	);
}

/** Called with every anonymous usage event (insights.service.ts `track`). */
export function observeUsageEvent(kind: string, facets: object): void {
	const f = facets as { step?: string; reason?: string };
	if (kind === 'booking' && f.step) bookingSteps.inc({ step: f.step });
	else if (kind === 'booking_refused' && f.reason) bookingRefusals.inc({ reason: f.reason });
}

export function observeBookingRefusal(reason: 'busy' | 'overloaded'): void {
	bookingRefusals.inc({ reason });
}

/** Counts an error when it came from the database (handleError); other errors are not ours. */
export function observeError(error: unknown): void {
	const { code } = driverError(error);
	if (!code) return;
	if (/^[0-9A-Z]{5}$/.test(code)) databaseErrors.inc({ class: code.slice(0, 2) });
	else if (isOverloadError(error) || code.startsWith('CONNECT'))
		databaseErrors.inc({ class: code });
}

/** The whole exposition, after reading the database-held gauges. */
export async function renderMetrics(now: Date): Promise<string> {
	try {
		const r = await databaseReadings(now);
		databaseUp.set(1);
		outboxDepth.set(r.outboxDepth);
		outboxOldest.set(r.outboxOldestSeconds);
		callbackDepth.set(r.callbackDepth);
		poolMax.set(r.pool ? POSTGRES_POOL_SIZE : 1);
		poolOpen.set(r.pool?.open ?? 1);
		poolBusy.set(r.pool?.busy ?? 0);
	} catch (error) {
		databaseUp.set(0);
		observeError(error);
		log.warn({ err: errorFacts(error) }, 'metrics: database readings failed');
	}
	return registry.metrics();
}

export const METRICS_CONTENT_TYPE = registry.contentType;
