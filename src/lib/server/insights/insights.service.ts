import { log } from '../log';
import { insertUsageEvent, type Facets } from './insights.repository';

/**
 * Kinds of anonymous usage events and the facets each may carry. Facets are closed lists
 * (outcomes, stages, type codes, locales): never numbers, names, dates of birth or free text.
 */
export interface UsageEventKinds {
	status_lookup: { outcome: 'found' | 'not_found' | 'throttled' | 'invalid'; stage?: string; typeCode?: string };
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
