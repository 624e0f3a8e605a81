import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import type { Role } from '../accounts/roles';
import { auditLog } from '../audit/audit.schema';
import { getConfig } from '../config';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import type { HotlineConfig } from './hotline';
import { hotlineSettings } from './hotline-settings.schema';
import {
	currentHotline,
	forgetCachedHotline,
	hotlineSettingsView,
	saveHotlineSettings
} from './hotline-settings.service';

const NOW = new Date('2026-11-24T09:00:00Z');
const LATER = new Date('2026-11-24T10:00:00Z');

const friday9to12: HotlineConfig = {
	lines: [
		{ id: 'main', number: '+420974801801', languages: ['cs', 'en'] },
		{ id: 'line-1', number: '+420974801803', languages: ['uk', 'ru'] }
	],
	hours: { '1': [['08:00', '16:00']], '5': [['09:00', '12:00']] }
};

describe.each(ENGINES)('hotline settings on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const actors = {} as Record<'admin' | 'agent', Actor>;

	beforeAll(async () => {
		// The previous engine's settings must not leak in through the in-memory copy.
		forgetCachedHotline();
		for (const role of ['admin', 'agent'] as const) {
			const [row] = await t.db
				.insert(staffUsers)
				.values({ email: `${role}@pobyt.test`, displayName: `Test ${role}`, passwordHash: 'x' })
				.returning({ id: staffUsers.id });
			actors[role] = {
				userId: row!.id,
				displayName: `Test ${role}`,
				roles: new Set<Role>([role]),
				branchIds: []
			};
		}
	});

	const rows = async () => (await t.db.select({ n: count() }).from(hotlineSettings))[0]!.n;

	it('with nothing saved, the env configuration is in force', async () => {
		expect(await currentHotline()).toEqual(getConfig().hotline);
		const view = await hotlineSettingsView(actors.admin);
		expect(view).toMatchObject({ source: 'config', version: null, savedByName: null });
		expect(view.lines).toEqual(getConfig().hotline.lines);
	});

	it('refuses anyone but an admin, before anything is written', async () => {
		await expect(saveHotlineSettings(actors.agent, friday9to12, NOW)).rejects.toBeInstanceOf(
			AccessDenied
		);
		await expect(saveHotlineSettings(null, friday9to12, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(hotlineSettingsView(actors.agent)).rejects.toBeInstanceOf(AccessDenied);
		expect(await rows()).toBe(0);
		expect(await currentHotline()).toEqual(getConfig().hotline);
	});

	it('saves a version that is in force at once on this instance, audited with who and when', async () => {
		const { version } = await saveHotlineSettings(actors.admin, friday9to12, NOW);
		expect(await currentHotline()).toEqual(friday9to12);
		expect(await hotlineSettingsView(actors.admin)).toEqual({
			...friday9to12,
			source: 'saved',
			version,
			savedAt: NOW,
			savedByName: 'Test admin'
		});
		const audits = await t.db
			.select({ actorId: auditLog.actorId, action: auditLog.action, at: auditLog.at })
			.from(auditLog)
			.where(
				and(eq(auditLog.subjectType, 'hotline_settings'), eq(auditLog.subjectId, String(version)))
			);
		expect(audits).toEqual([
			{ actorId: actors.admin.userId, action: 'hotline_settings.save', at: NOW }
		]);
	});

	it('keeps every version; the newest is in force', async () => {
		const fridayClosed: HotlineConfig = {
			lines: [friday9to12.lines[0]!],
			hours: { '1': [['08:00', '16:00']] }
		};
		const { version } = await saveHotlineSettings(actors.admin, fridayClosed, LATER);
		expect(await rows()).toBe(2);
		expect(await currentHotline()).toEqual(fridayClosed);
		expect((await hotlineSettingsView(actors.admin)).version).toBe(version);
	});

	it('serves public pages from memory: a change written elsewhere shows once the copy expires', async () => {
		const before = await currentHotline();
		// Another instance saves: this one keeps its copy for up to 30 seconds.
		await t.db.insert(hotlineSettings).values({
			lines: [{ id: 'main', number: '+420974801809', languages: ['cs'] }],
			hours: {},
			savedBy: actors.admin.userId,
			savedAt: LATER
		});
		expect(await currentHotline()).toEqual(before);
		forgetCachedHotline();
		expect((await currentHotline()).lines[0]!.number).toBe('+420974801809');
	});
});
