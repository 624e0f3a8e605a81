import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { m } from '../../paraglide/messages';

import { mailOutbox } from '../mail/outbox.schema';
import { importEvents } from '../proceedings/import.service';
import { formatProceedingNumber, parseProceedingNumber } from '../proceedings/proceeding-number';
import { getConfig } from '../config';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { statusSubscriptions } from './alerts.schema';
import {
	confirmLinkState,
	confirmStatusAlert,
	notifyStatusChanges,
	requestStatusAlert,
	unsubscribeStatusAlert
} from './alerts.service';

const NOW = new Date('2026-11-24T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const BIRTH = '1985-11-02';

let serial = 0;
const unique = () => `${Date.now().toString(36)}${serial++}`;

describe.each(ENGINES)('e-mail alerts on %s', (engine) => {
	const t = testDatabaseFor(engine);

	let nextNumber = 400_000;
	/** A suspended proceeding of its own. */
	async function proceeding(): Promise<{ text: string; id: string }> {
		const text = `OAM-${nextNumber++}/DP-2026`;
		const result = await importEvents(
			[
				{ id: `${text}-f`, kind: 'filed', occurredAt: '2026-10-01T08:00:00Z', birthDate: BIRTH },
				{ id: `${text}-s`, kind: 'suspended', occurredAt: '2026-10-10T08:00:00Z' }
			]
				.map((e) => JSON.stringify({ ...e, proceeding: text }))
				.join('\n'),
			NOW
		);
		if (result.status !== 'applied') throw new Error(JSON.stringify(result));
		return { text, id: result.changes.changedProceedingIds[0]! };
	}

	const importEvent = (proceedingText: string, kind: string, occurredAt: string) =>
		importEvents(
			JSON.stringify({
				id: `${proceedingText}-${kind}-${occurredAt}`,
				proceeding: proceedingText,
				kind,
				occurredAt
			}),
			NOW
		);

	async function signUp(
		proceedingText: string,
		email: string,
		locale: 'cs' | 'en' | 'uk' | 'ru' | 'vi',
		options: { now?: Date; birthDate?: string } = {}
	) {
		const parsed = parseProceedingNumber(proceedingText, 2026);
		if (!parsed.ok) throw new Error(parsed.error);
		return requestStatusAlert({
			number: parsed.value,
			birthDate: options.birthDate ?? BIRTH,
			email,
			locale,
			clientAddress: `198.51.100.${serial % 250}`,
			now: options.now ?? NOW,
			secret: getConfig().appSecret,
			origin: getConfig().publicOrigin
		});
	}

	const mailTo = (email: string) =>
		t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(mailOutbox.id);

	async function confirmToken(email: string): Promise<string> {
		const [mail] = await mailTo(email);
		const token = /\/status\/alerts\/confirm\/([A-Za-z0-9_-]{27})\b/.exec(
			mail?.textBody ?? ''
		)?.[1];
		if (!token) throw new Error('no confirmation link');
		return token;
	}

	it('spends from the lookup limits only on failures; a sign-up never resets them (ADR 0003)', async () => {
		const { text } = await proceeding();
		const parsed = parseProceedingNumber(text, 2026);
		if (!parsed.ok) throw new Error(parsed.error);
		const from = (birthDate: string, email = `${unique()}@example.org`) =>
			requestStatusAlert({
				number: parsed.value,
				birthDate,
				email,
				locale: 'en',
				clientAddress: '203.0.113.120',
				now: NOW,
				secret: getConfig().appSecret,
				origin: getConfig().publicOrigin
			});
		for (let i = 1; i <= 9; i++)
			expect((await from(`1970-01-${String(i).padStart(2, '0')}`)).kind).toBe('not_found');
		// A sign-up with the right date between the guesses does not give the guesses back...
		expect((await from(BIRTH)).kind).toBe('requested');
		expect((await from('1970-01-10')).kind).toBe('not_found');
		// ...so the eleventh failure from this address for this number is refused.
		expect((await from('1970-01-11')).kind).toBe('throttled');
	});

	async function subscribed(
		proceedingText: string,
		email: string,
		locale: 'cs' | 'en' | 'uk' | 'ru' | 'vi'
	): Promise<void> {
		expect(await signUp(proceedingText, email, locale)).toEqual({ kind: 'requested' });
		expect(await confirmStatusAlert(await confirmToken(email), NOW)).toBe('confirmed');
	}

	it('signs up: a pending subscription with only token hashes, one confirmation mail in the page’s locale', async () => {
		const p = await proceeding();
		const email = `Olena.${unique()}@example.com`;
		expect(await signUp(p.text, email, 'uk')).toEqual({ kind: 'requested' });

		const mails = await mailTo(email);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			subject: m.mail_confirm_subject({}, { locale: 'uk' }),
			listUnsubscribe: null,
			sentAt: null,
			attempts: 0
		});
		const token = await confirmToken(email);
		expect(mails[0]!.textBody).toContain(
			`${getConfig().publicOrigin}/uk/status/alerts/confirm/${token}`
		);
		expect(mails[0]!.textBody).toContain('Добрий день');

		const rows = await t.db
			.select()
			.from(statusSubscriptions)
			.where(eq(statusSubscriptions.proceedingId, p.id));
		expect(rows).toHaveLength(1);
		const row = rows[0]!;
		expect(row).toMatchObject({
			email,
			locale: 'uk',
			confirmedAt: null,
			unsubscribedAt: null,
			lastNotifiedStage: 'suspended'
		});
		expect(Buffer.from(row.confirmTokenHash)).toEqual(createHash('sha256').update(token).digest());
		// The raw token is nowhere in the row, in any encoding.
		const stored = JSON.stringify(row, (_k, v: unknown) =>
			v instanceof Uint8Array ? Buffer.from(v).toString('base64url') : v
		);
		expect(stored).not.toContain(token);
		expect(stored).not.toContain(Buffer.from(token, 'base64url').toString('hex'));
	});

	it('answers a wrong date of birth as not found, and writes nothing', async () => {
		const p = await proceeding();
		const email = `x.${unique()}@example.com`;
		expect(await signUp(p.text, email, 'cs', { birthDate: '1985-11-03' })).toEqual({
			kind: 'not_found'
		});
		expect(await mailTo(email)).toHaveLength(0);
	});

	it('confirms once with the raw token; a second sign-up of a confirmed address sends nothing', async () => {
		const p = await proceeding();
		const email = `c.${unique()}@example.com`;
		await signUp(p.text, email, 'en');
		const token = await confirmToken(email);
		expect(await confirmLinkState(token, NOW)).toBe('pending');
		expect(await confirmStatusAlert(token, new Date(NOW.getTime() + DAY))).toBe('confirmed');
		expect(await confirmStatusAlert(token, new Date(NOW.getTime() + DAY))).toBe(
			'already_confirmed'
		);
		expect(await confirmStatusAlert('A'.repeat(27), NOW)).toBe('unknown');
		expect(await confirmStatusAlert('not-a-token', NOW)).toBe('unknown');

		expect(await signUp(p.text, email.toUpperCase(), 'en')).toEqual({ kind: 'requested' });
		expect(await mailTo(email.toUpperCase())).toHaveLength(0);
		const live = await t.db
			.select()
			.from(statusSubscriptions)
			.where(
				and(eq(statusSubscriptions.proceedingId, p.id), isNull(statusSubscriptions.unsubscribedAt))
			);
		expect(live).toHaveLength(1);
	});

	it('refuses a confirmation link older than 7 days', async () => {
		const p = await proceeding();
		const email = `e.${unique()}@example.com`;
		await signUp(p.text, email, 'cs');
		const token = await confirmToken(email);
		const late = new Date(NOW.getTime() + 7 * DAY + 1000);
		expect(await confirmLinkState(token, late)).toBe('expired');
		expect(await confirmStatusAlert(token, late)).toBe('expired');
		const [row] = await t.db
			.select()
			.from(statusSubscriptions)
			.where(eq(statusSubscriptions.proceedingId, p.id));
		expect(row?.confirmedAt).toBeNull();
		// Still fine just inside the week.
		expect(await confirmStatusAlert(token, new Date(NOW.getTime() + 7 * DAY - 1000))).toBe(
			'confirmed'
		);
	});

	it('a stage change queues one mail per confirmed subscription in its locale, and only once', async () => {
		const p = await proceeding();
		const uk = `uk.${unique()}@example.com`;
		const vi = `vi.${unique()}@example.com`;
		const pending = `pending.${unique()}@example.com`;
		const gone = `gone.${unique()}@example.com`;
		await subscribed(p.text, uk, 'uk');
		await subscribed(p.text, vi, 'vi');
		await subscribed(p.text, gone, 'en');
		expect(await signUp(p.text, pending, 'cs')).toEqual({ kind: 'requested' });
		const [goneRow] = await t.db
			.select()
			.from(statusSubscriptions)
			.where(eq(statusSubscriptions.email, gone));
		expect(goneRow).toBeDefined();

		// An event that does not move the stage sends nothing.
		await importEvent(p.text, 'biometrics_taken', '2026-10-20T08:00:00Z');
		expect(await mailTo(uk)).toHaveLength(1);

		// Unsubscribe one (its link comes with the first alert; here, through a stage change first).
		const resumed = await importEvent(p.text, 'resumed', '2026-11-20T08:00:00Z');
		expect(resumed.status).toBe('applied');
		const ukMails = await mailTo(uk);
		expect(ukMails).toHaveLength(2);
		const alert = ukMails[1]!;
		const title = m.stage_processing_title({}, { locale: 'uk' });
		const parsed = parseProceedingNumber(p.text, 2026);
		if (!parsed.ok) throw new Error('the test proceeding number must parse');
		const number = formatProceedingNumber(parsed.value);
		expect(alert.subject).toBe(m.mail_change_subject({ number, stage: title }, { locale: 'uk' }));
		// The person can tell which of their proceedings changed.
		expect(alert.subject).toContain(number);
		expect(alert.textBody).toContain(number);
		expect(alert.textBody).toContain(title);
		expect(alert.textBody).toContain(m.stage_processing_meaning({}, { locale: 'uk' }));
		expect(alert.textBody).toContain(`${getConfig().publicOrigin}/uk/status\n`);
		expect(alert.listUnsubscribe).toMatch(
			new RegExp(`^${getConfig().publicOrigin}/uk/status/alerts/unsubscribe/[A-Za-z0-9_-]{27}$`)
		);
		expect(alert.textBody).toContain(alert.listUnsubscribe);

		const viMails = await mailTo(vi);
		expect(viMails).toHaveLength(2);
		expect(viMails[1]!.subject).toBe(
			m.mail_change_subject(
				{ number, stage: m.stage_processing_title({}, { locale: 'vi' }) },
				{ locale: 'vi' }
			)
		);
		expect(await mailTo(pending)).toHaveLength(1); // the confirmation only

		const goneMails = await mailTo(gone);
		expect(goneMails).toHaveLength(2);
		const goneToken = goneMails[1]!.listUnsubscribe!.split('/').at(-1)!;
		expect(await unsubscribeStatusAlert(goneToken, NOW)).toBe('unsubscribed');
		expect(await unsubscribeStatusAlert(goneToken, NOW)).toBe('already_unsubscribed');
		const [erased] = await t.db
			.select()
			.from(statusSubscriptions)
			.where(eq(statusSubscriptions.id, goneRow!.id));
		expect(erased).toMatchObject({ email: '', unsubscribedAt: NOW });

		// The same batch again: nothing new.
		const again = await importEvent(p.text, 'resumed', '2026-11-20T08:00:00Z');
		expect(again.status).toBe('applied');
		expect(await mailTo(uk)).toHaveLength(2);
		// Even if the notification step runs again for the proceeding.
		expect(await notifyStatusChanges([p.id], NOW)).toBe(0);

		// The next change reaches the confirmed ones, not the unsubscribed one.
		await importEvent(p.text, 'approved', '2026-11-23T08:00:00Z');
		expect(await mailTo(uk)).toHaveLength(3);
		expect(await mailTo(vi)).toHaveLength(3);
		expect(await mailTo(pending)).toHaveLength(1);
		const rows = await t.db
			.select()
			.from(statusSubscriptions)
			.where(eq(statusSubscriptions.proceedingId, p.id));
		expect(
			rows.filter((r) => r.confirmedAt && !r.unsubscribedAt).map((r) => r.lastNotifiedStage)
		).toEqual(['approved', 'approved']);
		expect(rows.find((r) => r.email === pending)?.lastNotifiedStage).toBe('suspended');
	});
});
