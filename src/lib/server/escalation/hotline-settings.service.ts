// The hotline in force (issue "Hotline escalation", settings): what an admin saved at
// /admin/hotline, else the env configuration. Every public page shows it, so it is kept in
// memory for a short while rather than read on each request.
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { errorFacts, log } from '../log';
import { getConfig } from '../config';
import type { HotlineConfig } from './hotline';
import { insertHotlineSettings, latestHotlineSettings } from './hotline-settings.repository';

/**
 * How long an instance serves the settings it read. A save clears it at once on the instance
 * that saved; other instances follow within this time.
 */
export const HOTLINE_CACHE_MS = 30_000;

let cached: { config: HotlineConfig; until: number } | null = null;

/** Drops the remembered settings: after a save, and in tests that swap the database. */
export function forgetCachedHotline(): void {
	cached = null;
}

/**
 * The official numbers and hours in force. Measured on the monotonic clock, not `now()`, which
 * tests and demos pin. If the database cannot be read, the last known (or configured) numbers
 * are still shown: that is exactly when people need to call.
 */
export async function currentHotline(): Promise<HotlineConfig> {
	const at = performance.now();
	if (cached && at < cached.until) return cached.config;
	try {
		const saved = await latestHotlineSettings();
		const config = saved ? { lines: saved.lines, hours: saved.hours } : getConfig().hotline;
		cached = { config, until: at + HOTLINE_CACHE_MS };
		return config;
	} catch (error) {
		log.error({ err: errorFacts(error) }, 'hotline settings unreadable; showing the last known');
		return cached?.config ?? getConfig().hotline;
	}
}

export interface HotlineSettingsView extends HotlineConfig {
	/** `saved`: an admin's version is in force; `config`: the env configuration (none saved). */
	source: 'saved' | 'config';
	version: number | null;
	savedAt: Date | null;
	savedByName: string | null;
}

/** The settings in force, for the admin page. Admins only. */
export async function hotlineSettingsView(actor: Actor | null): Promise<HotlineSettingsView> {
	requireRole(actor, 'admin');
	const saved = await latestHotlineSettings();
	if (saved) return { ...saved, source: 'saved' };
	return {
		...getConfig().hotline,
		source: 'config',
		version: null,
		savedAt: null,
		savedByName: null
	};
}

/** Saves validated settings as the new version in force; admins only, audited. */
export async function saveHotlineSettings(
	actor: Actor | null,
	settings: HotlineConfig,
	at: Date
): Promise<{ version: number }> {
	const admin = requireRole(actor, 'admin');
	const version = await insertHotlineSettings(settings, admin.userId, at);
	await audit(
		admin,
		{
			action: 'hotline_settings.save',
			subjectType: 'hotline_settings',
			subjectId: String(version),
			reason: '/admin/hotline'
		},
		at
	);
	forgetCachedHotline();
	return { version };
}
