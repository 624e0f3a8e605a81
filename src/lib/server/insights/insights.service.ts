import { log } from '../log';
import { insertUsageEvent, type Facets } from './insights.repository';

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
}

/** Records an anonymous event for the yearly report; a failure never breaks the person's request. */
export async function track<K extends keyof UsageEventKinds>(
	kind: K,
	locale: string | null,
	facets: UsageEventKinds[K]
): Promise<void> {
	try {
		await insertUsageEvent(kind, locale, facets as unknown as Facets);
	} catch (error) {
		log.warn({ kind, err: (error as Error).message }, 'usage event not recorded');
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
export async function recordClientEvent(body: unknown, locale: string): Promise<void> {
	const event = body as { kind?: unknown; stage?: unknown } | null;
	if (
		event?.kind === 'status_saved' &&
		typeof event.stage === 'string' &&
		STAGES.has(event.stage)
	) {
		await track('status_saved', locale, { stage: event.stage });
	}
}
