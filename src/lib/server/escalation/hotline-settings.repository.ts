import { desc, eq } from 'drizzle-orm';
import { staffUsers } from '../accounts/accounts.schema';
import { getDb } from '../db';
import type { HotlineConfig } from './hotline';
import { hotlineSettings } from './hotline-settings.schema';

export interface SavedHotlineSettings extends HotlineConfig {
	version: number;
	savedAt: Date;
	savedByName: string;
}

/** The newest saved settings (the ones in force), or null when none were ever saved. */
export async function latestHotlineSettings(): Promise<SavedHotlineSettings | null> {
	const [row] = await getDb()
		.select({
			version: hotlineSettings.id,
			lines: hotlineSettings.lines,
			hours: hotlineSettings.hours,
			savedAt: hotlineSettings.savedAt,
			savedByName: staffUsers.displayName
		})
		.from(hotlineSettings)
		.innerJoin(staffUsers, eq(staffUsers.id, hotlineSettings.savedBy))
		.orderBy(desc(hotlineSettings.id))
		.limit(1);
	return row ?? null;
}

/** Appends a version; returns its number. */
export async function insertHotlineSettings(
	settings: HotlineConfig,
	savedBy: string,
	savedAt: Date
): Promise<number> {
	const [row] = await getDb()
		.insert(hotlineSettings)
		.values({ lines: settings.lines, hours: settings.hours, savedBy, savedAt })
		.returning({ id: hotlineSettings.id });
	return row!.id;
}
