import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.schema';
import { audit, exportAudit } from '../audit/audit.service';
import { seedDemoData } from '../db/seed';
import { solvedProof } from '../testing/proof';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { AccessDenied } from './access';
import { staffSessions, staffUsers } from './accounts.schema';
import { totpCode } from './second-factor';
import {
	ABSOLUTE_TIMEOUT_MS,
	beginEnrolment,
	confirmEnrolment,
	IDLE_TIMEOUT_MS,
	pendingKey,
	SECOND_FACTOR_WINDOW_MS,
	signIn,
	signOut,
	signOutEverywhere,
	validateSession,
	verifySecondFactor,
	type ValidSession
} from './sessions.service';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const PASSWORD = 'correct horse battery staple';
/** Tuesday 24 November 2026, 10:00 Prague. */
const T0 = new Date('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

const who = (now: Date, clientAddress = '192.0.2.10') => ({ clientAddress, secret: SECRET, now });

describe.each(ENGINES)('staff sign-in and sessions on %s', (engine) => {
	const t = testDatabaseFor(engine);
	beforeAll(async () => {
		await seedDemoData(t.db, { now: T0, password: PASSWORD, proceedingCount: 3 });
	});

	/** Signs in, enrols an authenticator, and returns the complete session, its token and key. */
	async function enrolled(email: string, now: Date) {
		const first = await signIn(email, PASSWORD, who(now));
		if (first.kind !== 'ok') throw new Error(first.kind);
		expect(first.next).toBe('enrol');
		const half = (await validateSession(first.token, now))!;
		expect(half.complete).toBe(false);
		const enrolment = beginEnrolment(half, SECRET);
		expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Pobyt:/);
		const key = pendingKey(half, enrolment.pending, SECRET)!;
		const done = await confirmEnrolment(half, enrolment.pending, totpCode(key, now), who(now));
		if (done.kind !== 'ok') throw new Error(done.kind);
		// The session id is renewed with the second factor: the password-step token is dead.
		expect(await validateSession(first.token, now)).toBeNull();
		const session = (await validateSession(done.token, now))!;
		expect(session.complete).toBe(true);
		return {
			token: done.token,
			key,
			session,
			recovery: done.kind === 'ok' ? done.recoveryCodes : []
		};
	}

	it('answers a wrong password, an unknown account and a disabled one alike', async () => {
		const wrong = await signIn('admin@pobyt.demo', 'nope', who(T0, '192.0.2.1'));
		const unknown = await signIn('nobody@pobyt.demo', PASSWORD, who(T0, '192.0.2.1'));
		await t.db
			.update(staffUsers)
			.set({ disabledAt: T0 })
			.where(eq(staffUsers.email, 'analytik@pobyt.demo'));
		const disabled = await signIn('analytik@pobyt.demo', PASSWORD, who(T0, '192.0.2.1'));
		expect(wrong).toEqual({ kind: 'refused' });
		expect(unknown).toEqual(wrong);
		expect(disabled).toEqual(wrong);
	});

	it('enrols TOTP with recovery codes, then asks for a code at every sign-in', async () => {
		const { key, recovery } = await enrolled('admin@pobyt.demo', T0);
		expect(recovery).toHaveLength(8);
		expect(new Set(recovery).size).toBe(8);
		const again = await signIn('Admin@Pobyt.demo', PASSWORD, who(at(MIN)));
		expect(again).toMatchObject({ kind: 'ok', next: 'verify' });
		if (again.kind !== 'ok') return;
		const half = (await validateSession(again.token, at(MIN)))!;
		expect(half.complete).toBe(false);
		expect(await verifySecondFactor(half, '000000', who(at(MIN)))).toEqual({ kind: 'refused' });
		const verified = await verifySecondFactor(half, totpCode(key, at(MIN)), who(at(MIN)));
		if (verified.kind !== 'ok') throw new Error(verified.kind);
		// A new id and secret: the token from before the second factor no longer works.
		expect(verified.token).not.toBe(again.token);
		expect(verified.token.split('.')[0]).not.toBe(again.token.split('.')[0]);
		expect(await validateSession(again.token, at(MIN))).toBeNull();
		expect((await validateSession(verified.token, at(MIN)))!.complete).toBe(true);
	});

	it('never accepts the same TOTP code twice, and a recovery code only once', async () => {
		const { key, recovery } = await enrolled('redaktor@pobyt.demo', T0);
		const sessions: ValidSession[] = [];
		for (let i = 0; i < 3; i++) {
			const s = await signIn('redaktor@pobyt.demo', PASSWORD, who(at(2 * MIN)));
			if (s.kind !== 'ok') throw new Error(s.kind);
			sessions.push((await validateSession(s.token, at(2 * MIN)))!);
		}
		const code = totpCode(key, at(2 * MIN));
		expect((await verifySecondFactor(sessions[0]!, code, who(at(2 * MIN)))).kind).toBe('ok');
		expect((await verifySecondFactor(sessions[1]!, code, who(at(2 * MIN)))).kind).toBe('refused');
		expect(
			(await verifySecondFactor(sessions[1]!, recovery[0]!.toLowerCase(), who(at(2 * MIN)))).kind
		).toBe('ok');
		expect((await verifySecondFactor(sessions[2]!, recovery[0]!, who(at(2 * MIN)))).kind).toBe(
			'refused'
		);
	});

	it('ends a session after 30 idle minutes, renews it when used, and caps it at 12 hours', async () => {
		const { token, key } = await enrolled('operator@pobyt.demo', T0);
		// Used every 20 minutes: stays signed in, the idle clock slides.
		let now = T0;
		while (now.getTime() + 20 * MIN < T0.getTime() + ABSOLUTE_TIMEOUT_MS) {
			now = at(now.getTime() - T0.getTime() + 20 * MIN);
			expect(await validateSession(token, now), now.toISOString()).not.toBeNull();
		}
		expect(await validateSession(token, at(ABSOLUTE_TIMEOUT_MS))).toBeNull();
		// Gone from the database, not just refused.
		const [row] = await t.db
			.select({ n: sql<number>`count(*)::int` })
			.from(staffSessions)
			.where(sql`${staffSessions.id} = ${token.split('.')[0]}`);
		expect(row!.n).toBe(0);

		const second = await signIn('operator@pobyt.demo', PASSWORD, who(at(MIN)));
		if (second.kind !== 'ok') throw new Error(second.kind);
		const half = (await validateSession(second.token, at(MIN)))!;
		const verified = await verifySecondFactor(half, totpCode(key, at(MIN)), who(at(MIN)));
		if (verified.kind !== 'ok') throw new Error(verified.kind);
		expect(await validateSession(verified.token, at(MIN + IDLE_TIMEOUT_MS - 1000))).not.toBeNull();
		expect(
			await validateSession(verified.token, at(MIN + IDLE_TIMEOUT_MS - 1000 + IDLE_TIMEOUT_MS))
		).toBeNull();
	});

	it('drops a session whose second factor did not follow within 10 minutes', async () => {
		const s = await signIn('admin@pobyt.demo', PASSWORD, who(T0));
		if (s.kind !== 'ok') throw new Error(s.kind);
		expect(await validateSession(s.token, at(SECOND_FACTOR_WINDOW_MS - 1000))).not.toBeNull();
		expect(await validateSession(s.token, at(SECOND_FACTOR_WINDOW_MS))).toBeNull();
	});

	it('refuses a token with a wrong secret, and tokens of signed-out sessions', async () => {
		const { token, session } = await enrolled('urednik@pobyt.demo', T0);
		const [id] = token.split('.');
		expect(await validateSession(`${id}.${'A'.repeat(27)}`, T0)).toBeNull();
		expect(await validateSession('garbage', T0)).toBeNull();
		const other = await signIn('urednik@pobyt.demo', PASSWORD, who(T0));
		if (other.kind !== 'ok') throw new Error(other.kind);
		await signOut(session);
		expect(await validateSession(token, T0)).toBeNull();
		expect(await validateSession(other.token, T0)).not.toBeNull();
		const again = await signIn('urednik@pobyt.demo', PASSWORD, who(T0));
		if (again.kind !== 'ok') throw new Error(again.kind);
		expect(await signOutEverywhere((await validateSession(again.token, T0))!)).toBe(2);
		expect(await validateSession(other.token, T0)).toBeNull();
	});

	it('throttles password guessing per account (and says when to retry), whatever the address', async () => {
		const results = [];
		for (let i = 0; i < 11; i++) {
			results.push(await signIn('Guessed@Pobyt.demo', `guess-${i}`, who(T0, `198.51.100.${i}`)));
		}
		expect(results.slice(0, 10).every((r) => r.kind === 'refused')).toBe(true);
		expect(results[10]).toMatchObject({ kind: 'throttled' });
		if (results[10]!.kind === 'throttled')
			expect(results[10]!.retryAfterSeconds).toBeGreaterThan(800);
	});

	it("a stranger's wrong passwords never lock out the right one; guessing stays bounded", async () => {
		const account = 'redaktor@pobyt.demo';
		// 15 wrong passwords from five addresses: the account's own limit (10) is full.
		for (let i = 0; i < 15; i++) {
			const wrong = await signIn(account, `guess-${i}`, who(T0, `198.51.100.${50 + (i % 5)}`));
			expect(wrong.kind).toBe(i < 10 ? 'refused' : 'throttled');
		}
		// The owner is asked for a proof of work (the form's widget) and then signs in.
		const owner = who(T0, '203.0.113.5');
		expect(await signIn(account, PASSWORD, owner)).toMatchObject({
			kind: 'throttled',
			proofRequired: true
		});
		const proof = await solvedProof(SECRET);
		expect((await signIn(account, PASSWORD, { ...owner, proof })).kind).toBe('ok');
		// Guessing stays bounded: each guess now costs a proof, and one address gets 10 per account.
		const guesser = who(T0, '198.51.100.99');
		for (let i = 0; i < 10; i++) {
			const proven = { ...guesser, proof: await solvedProof(SECRET) };
			expect((await signIn(account, `again-${i}`, proven)).kind).toBe('refused');
		}
		const last = { ...guesser, proof: await solvedProof(SECRET) };
		expect(await signIn(account, PASSWORD, last)).toMatchObject({
			kind: 'throttled',
			proofRequired: false
		});
	});

	it('never counts successful sign-ins against the address (an office behind one address)', async () => {
		const office = who(T0, '203.0.113.77');
		for (let i = 0; i < 35; i++) {
			const result = await signIn('admin@pobyt.demo', PASSWORD, office);
			expect(result.kind).toBe('ok');
		}
		// Failures from that address still count: 10 per account, then refused.
		for (let i = 0; i < 10; i++)
			expect((await signIn('left@pobyt.demo', `no-${i}`, office)).kind).toBe('refused');
		expect((await signIn('left@pobyt.demo', 'no', office)).kind).toBe('throttled');
	});

	it('keeps the audit log append-only and lets only an admin export it', async () => {
		const [row] = await t.db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.email, 'admin@pobyt.demo'));
		const admin = {
			userId: row!.id,
			actor: {
				userId: row!.id,
				displayName: 'Admin',
				roles: new Set(['admin'] as const),
				branchIds: []
			}
		};
		await audit(
			admin.actor,
			{
				action: 'staff_user.read',
				subjectType: 'staff_user',
				subjectId: 'u-1',
				reason: '/admin/users/[id]'
			},
			T0
		);
		await expect(t.db.update(auditLog).set({ reason: 'rewritten' })).rejects.toThrow();
		await expect(t.db.delete(auditLog)).rejects.toThrow();
		await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
		const exported = await exportAudit(admin.actor, 'staff_user', 'u-1', T0);
		expect(exported).toHaveLength(1);
		expect(exported[0]).toMatchObject({ action: 'staff_user.read', actorId: admin.userId });
		const editor = {
			userId: admin.userId,
			displayName: 'x',
			roles: new Set(['content_editor'] as const),
			branchIds: []
		};
		await expect(exportAudit(editor, 'staff_user', 'u-1', T0)).rejects.toBeInstanceOf(AccessDenied);
		await expect(exportAudit(null, 'staff_user', 'u-1', T0)).rejects.toBeInstanceOf(AccessDenied);
	});
});
