import { getDb } from '../db';
import { usageEvents } from './insights.schema';

export type Facets = Record<string, string | number | boolean>;

export interface UsageEventRow {
	kind: string;
	locale: string | null;
	facets: Facets | null;
	at: Date;
}

export async function insertUsageEvents(rows: UsageEventRow[]): Promise<void> {
	if (rows.length > 0) await getDb().insert(usageEvents).values(rows);
}
