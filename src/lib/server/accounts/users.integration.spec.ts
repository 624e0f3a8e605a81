import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.schema';
import { seedDemoData } from '../db/seed';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { AccessDenied, type Actor } from './access';
import { staffUsers } from './accounts.schema';
import { totpCode } from './second-factor';
import {
	beginEnrolment,
	confirmEnrolment,
	pendingKey,
	signIn,
	validateSession
} from './sessions.service';
import { changeUser, createUser, getUser, listUsers } from './users.service';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const NOW = new Date('2026-11-24T09:00:00Z');
const who = { clientAddress: '192.0.2.5', secret: SECRET, now: NOW };

describe.each(ENGINES)('staff accounts at /admin on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let admin: Actor;
	let agent: Actor;

	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'demo-password', proceedingCount: 2 });
		const ids = Object.fromEntries(
			(await t.db.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers)).map(
				(r) => [r.email, r.id]
			)
		);
		admin = {
			userId: ids['admin@pobyt.demo']!,
			displayName: 'A',
			roles: new Set(['admin']),
			branchIds: []
		};
		agent = {
			userId: ids['operator@pobyt.demo']!,
			displayName: 'O',
			roles: new Set(['agent']),
			branchIds: []
		};
	});

	const auditCount = async (action: string) =>
		(await t.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

	it('refuses every operation to anyone but an admin', async () => {
		await expect(listUsers(agent, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(getUser(null, admin.userId, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(
			createUser(
				agent,
				{ email: 'x@pobyt.demo', displayName: 'X', roles: ['agent'], branchIds: [] },
				NOW
			)
		).rejects.toBeInstanceOf(AccessDenied);
		await expect(changeUser(agent, admin.userId, { kind: 'disable' }, NOW)).rejects.toBeInstanceOf(
			AccessDenied
		);
	});

	it('creates an account with a one-time password that signs in and must enrol; audits it', async () => {
		const created = await createUser(
			admin,
			{ email: 'nova@pobyt.demo', displayName: 'Nová Operátorka', roles: ['agent'], branchIds: [] },
			NOW
		);
		expect(created.kind).toBe('created');
		if (created.kind !== 'created') return;
		expect(await signIn('nova@pobyt.demo', created.password, who)).toMatchObject({
			kind: 'ok',
			next: 'enrol'
		});
		expect(
			await createUser(
				admin,
				{ email: 'NOVA@pobyt.demo', displayName: 'Dup', roles: [], branchIds: [] },
				NOW
			)
		).toEqual({ kind: 'email_taken' });
		expect(
			await createUser(
				admin,
				{ email: 'b@pobyt.demo', displayName: 'B', roles: ['branch_staff'], branchIds: [99_999] },
				NOW
			)
		).toEqual({ kind: 'unknown_branch' });
		expect(await auditCount('staff_user.create')).toBe(1);
		const read = await getUser(admin, created.id, NOW);
		expect(read).toMatchObject({ email: 'nova@pobyt.demo', roles: ['agent'], enrolled: false });
		expect(await auditCount('staff_user.read')).toBe(1);
	});

	it('disabling ends the sessions and refuses sign-in; an admin cannot disable themselves', async () => {
		const s = await signIn('analytik@pobyt.demo', 'demo-password', who);
		if (s.kind !== 'ok') throw new Error(s.kind);
		const analyst = (await listUsers(admin, NOW)).find((u) => u.email === 'analytik@pobyt.demo')!;
		expect(await changeUser(admin, analyst.id, { kind: 'disable' }, NOW)).toEqual({ kind: 'ok' });
		expect(await validateSession(s.token, NOW)).toBeNull();
		expect(await signIn('analytik@pobyt.demo', 'demo-password', who)).toEqual({ kind: 'refused' });
		expect(await changeUser(admin, analyst.id, { kind: 'enable' }, NOW)).toEqual({ kind: 'ok' });
		expect((await signIn('analytik@pobyt.demo', 'demo-password', who)).kind).toBe('ok');
		expect(await changeUser(admin, admin.userId, { kind: 'disable' }, NOW)).toEqual({
			kind: 'refused'
		});
		expect(
			await changeUser(
				admin,
				admin.userId,
				{ kind: 'access', roles: ['agent'], branchIds: [] },
				NOW
			)
		).toEqual({ kind: 'refused' });
	});

	it('resets a password (the old one stops working) and a second factor (enrol again)', async () => {
		const s = await signIn('urednik@pobyt.demo', 'demo-password', who);
		if (s.kind !== 'ok') throw new Error(s.kind);
		const half = (await validateSession(s.token, NOW))!;
		const enrolment = beginEnrolment(half, SECRET);
		const key = pendingKey(half, enrolment.pending, SECRET)!;
		const enrolled = await confirmEnrolment(half, enrolment.pending, totpCode(key, NOW), who);
		if (enrolled.kind !== 'ok') throw new Error(enrolled.kind);
		expect(await validateSession(enrolled.token, NOW)).not.toBeNull();
		const clerk = (await listUsers(admin, NOW)).find((u) => u.email === 'urednik@pobyt.demo')!;
		expect(clerk.enrolled).toBe(true);

		expect(await changeUser(admin, clerk.id, { kind: 'reset_second_factor' }, NOW)).toEqual({
			kind: 'ok'
		});
		expect(await validateSession(enrolled.token, NOW)).toBeNull();
		expect(await signIn('urednik@pobyt.demo', 'demo-password', who)).toMatchObject({
			next: 'enrol'
		});

		const reset = await changeUser(admin, clerk.id, { kind: 'reset_password' }, NOW);
		expect(reset.kind).toBe('ok');
		expect(await signIn('urednik@pobyt.demo', 'demo-password', who)).toEqual({ kind: 'refused' });
		expect(
			(await signIn('urednik@pobyt.demo', (reset as { password: string }).password, who)).kind
		).toBe('ok');

		expect(
			await changeUser(
				admin,
				clerk.id,
				{ kind: 'access', roles: ['branch_staff', 'agent'], branchIds: [1] },
				NOW
			)
		).toEqual({ kind: 'ok' });
		expect((await getUser(admin, clerk.id, NOW))?.roles).toEqual(['agent', 'branch_staff']);
		expect(await auditCount('staff_user.reset_password')).toBe(1);
		expect(await auditCount('staff_user.reset_second_factor')).toBe(1);
		expect(await auditCount('staff_user.access')).toBe(1);
	});
});
