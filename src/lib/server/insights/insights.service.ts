import { now } from '../clock';
import { errorFacts, log } from '../log';
import { observeUsageEvent } from '../metrics/metrics';
import { insertUsageEvents, type Facets, type UsageEventRow } from './insights.repository';

/**
 * Kinds of anonymous usage events and the facets each may carry. Facets are closed lists
 * (outcomes, stages, type codes, locales): never numbers, names, dates of birth or free text.
 */
export interface UsageEventKinds {
	status_lookup: {
		outcome: 'found' | 'not_found' | 'throttled' | 'invalid';
		stage?: string;
		typeCode?: string;
	};
	status_saved: { stage: string };
	status_alert_signup: { step: 'requested' | 'confirmed' | 'unsubscribed' };
	capacity_published: { branch: string; slotsCreated: number; seats: number };
	branch_closure: { branch: string; slotsRemoved: number; bookingsCancelled: number };
	counter: { branch: string; step: 'arrived' | 'done' | 'no_show' };
	booking: {
		step: 'held' | 'confirmed' | 'cancelled' | 'rescheduled';
		service: string;
		channel?: string;
		branch?: string;
	};
	booking_refused: {
		reason:
			| 'full'
			| 'expired'
			| 'already_booked'
			| 'limit'
			| 'late_cancellations'
			| 'throttled'
			| 'proof';
		service?: string;
	};
	waitlist_signup: Record<string, never>;
	waitlist_offer: Record<string, never>;
	/** A context shared for a call, or a callback requested; `hour` of day in Prague. */
	escalation_created: {
		channel: 'call' | 'callback';
		area: string;
		hour: number;
		/** The checklist's slug, when shared from one ("called after reading"). */
		checklist?: string;
	};
	/** One event per topic of the case (`none` when the agent chose no topic). */
	escalation_outcome: { topic: string; outcome: string };
	callback: { step: 'requested'; window: 'any' | 'chosen' } | { step: 'handled'; outcome: string };
	problem_flagged: { flag: string };
	/** Fair release (issue 13): entries by step; one result per draw, in counts. */
	draw_entry: { step: 'entered' | 'changed' | 'withdrawn' | 'refused_booked' };
	draw_result: {
		service: string;
		branch: string;
		entries: number;
		given: number;
		waitlisted: number;
		skipped: number;
	};
	/**
	 * A checklist read or printed, reported by the page itself (its script, or an image without
	 * JavaScript): the service worker fetches checklists to keep them offline, and serves them
	 * from its cache, so the server's own renders count neither way.
	 */
	checklist_use: { checklist: string; step: 'viewed' | 'printed' };
	/** The answer to "How satisfied are you with this service today?" (1–5). */
	satisfaction: { task: 'booking' | 'status' | 'checklist' | 'hotline'; score: number };
}

const FLUSH_EVERY_MS = 1000;
const FLUSH_AT = 200;
let pending: UsageEventRow[] = [];
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Records an anonymous event for the yearly report. Events are queued and written in batches
 * (one insert a second) so that a busy page costs no database round trip per request; a crash
 * loses at most the last second of these anonymous counts. Never throws.
 */
export function track<K extends keyof UsageEventKinds>(
	kind: K,
	locale: string | null,
	facets: UsageEventKinds[K]
): void {
	pending.push({ kind, locale, facets: facets as unknown as Facets, at: now() });
	observeUsageEvent(kind, facets);
	if (pending.length >= FLUSH_AT) void flushUsageEvents();
	if (!timer) {
		timer = setInterval(() => void flushUsageEvents(), FLUSH_EVERY_MS);
		timer.unref();
	}
}

/** Writes the queued events now (at shutdown, and in tests). */
export async function flushUsageEvents(): Promise<void> {
	const batch = pending;
	pending = [];
	try {
		await insertUsageEvents(batch);
	} catch (error) {
		log.warn({ count: batch.length, err: errorFacts(error) }, 'usage events not recorded');
	}
}

const STAGES = new Set([
	'processing',
	'suspended',
	'preliminary_positive',
	'approved',
	'card_ready',
	'card_collected',
	'rejected',
	'stopped'
]);

/**
 * A browser-side event, accepted only in its known shape: anything else is dropped, so nothing a
 * page could put in the body (a number, a date) is ever stored.
 */
export function recordClientEvent(body: unknown, locale: string): void {
	const event = body as { kind?: unknown; stage?: unknown; checklist?: unknown } | null;
	if (
		(event?.kind === 'checklist_printed' || event?.kind === 'checklist_viewed') &&
		typeof event.checklist === 'string' &&
		/^[a-z0-9-]{1,60}$/.test(event.checklist)
	) {
		const step = event.kind === 'checklist_printed' ? 'printed' : 'viewed';
		track('checklist_use', locale, { checklist: event.checklist, step });
		return;
	}
	if (
		event?.kind === 'status_saved' &&
		typeof event.stage === 'string' &&
		STAGES.has(event.stage)
	) {
		track('status_saved', locale, { stage: event.stage });
	}
}
