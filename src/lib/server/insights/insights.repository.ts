import { getDb } from '../db';
import { usageEvents } from './insights.schema';

export type Facets = Record<string, string | number | boolean>;

export async function insertUsageEvent(
	kind: string,
	locale: string | null,
	facets: Facets | null
): Promise<void> {
	await getDb().insert(usageEvents).values({ kind, locale, facets });
}
