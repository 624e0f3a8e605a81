// E-mail alerts on a proceeding's status (issue "Application status tracking", item 5). Imported
// by the event import, which the CLI runs with tsx: relative imports only, no `$lib`.
import { createHmac, randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { CONFIRM_LINK_DAYS } from '../../alerts';
import { m } from '../../paraglide/messages';
import { stageTexts } from '../../proceeding-messages';
import { baseLocale, isLocale, type Locale } from '../../paraglide/runtime';
import type { Db } from '../db';
import { track } from '../insights/insights.service';
import { log } from '../log';
import { enqueueMail, type OutboxMessage } from '../mail/outbox.repository';
import type { ProceedingNumber } from '../proceedings/proceeding-number';
import { deriveStatus, type Stage } from '../proceedings/proceeding-status';
import { LOOKUP_LIMITS } from '../proceedings/proceedings.service';
import { limitKey, Limits } from '../rate-limit/limiter';
import { hashToken, newToken, TOKEN_PATTERN } from '../security/tokens';
import { getConfig } from '../startup';
import {
	findByTokenHash,
	findProceedingId,
	inTransaction,
	lockConfirmed,
	markConfirmed,
	markUnsubscribed,
	setNotifiedStage,
	statusInputs,
	upsertPending,
	type LiveSubscription
} from './alerts.repository';

export { CONFIRM_LINK_DAYS };
export { hashToken, newToken };
const CONFIRM_LINK_MS = CONFIRM_LINK_DAYS * 24 * 60 * 60 * 1000;

/**
 * The unsubscribe link goes into every alert, long after sign-up, so it cannot be a random token
 * shown once: it is an HMAC of the subscription id under APP_SECRET (160 bits, unguessable
 * without the secret) and, like the random tokens, only its SHA-256 is stored.
 */
export function unsubscribeToken(secret: string, subscriptionId: string): string {
	return createHmac('sha256', secret)
		.update(`status-alert-unsubscribe\u0000${subscriptionId}`)
		.digest()
		.subarray(0, 20)
		.toString('base64url');
}

export type EmailError = 'email_empty' | 'email_invalid';

const EMAIL = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty('email_empty'),
	v.maxLength(254, 'email_invalid'),
	v.email('email_invalid')
);

export function parseEmail(
	raw: string
): { ok: true; email: string } | { ok: false; error: EmailError } {
	const result = v.safeParse(EMAIL, raw, { abortPipeEarly: true });
	if (result.success) return { ok: true, email: result.output };
	return { ok: false, error: result.issues[0].message as EmailError };
}

/** A page in the locale's URL prefix (src/lib/i18n.ts), as an absolute link for an e-mail. */
function pageLink(origin: string, locale: Locale, path: string): string {
	return `${origin}${locale === baseLocale ? '' : `/${locale}`}${path}`;
}

function confirmationMail(to: string, locale: Locale, link: string): OutboxMessage {
	return {
		to,
		subject: m.mail_confirm_subject({}, { locale }),
		text: m.mail_confirm_body({ link, days: String(CONFIRM_LINK_DAYS) }, { locale }),
		listUnsubscribe: null
	};
}

function changeMail(
	subscription: LiveSubscription,
	number: string,
	stage: Stage,
	origin: string,
	secret: string
): OutboxMessage {
	const locale = isLocale(subscription.locale) ? subscription.locale : baseLocale;
	const texts = stageTexts(stage, locale);
	const unsubscribe = pageLink(
		origin,
		locale,
		`/status/alerts/unsubscribe/${unsubscribeToken(secret, subscription.id)}`
	);
	return {
		to: subscription.email,
		subject: m.mail_change_subject({ number, stage: texts.title }, { locale }),
		text: m.mail_change_body(
			{
				number,
				stage: texts.title,
				meaning: texts.meaning,
				link: pageLink(origin, locale, '/status'),
				unsubscribe
			},
			{ locale }
		),
		listUnsubscribe: unsubscribe
	};
}

/**
 * Signing up answers "found or not" for a number and date of birth, like the lookup itself, so
 * it spends from the lookup's limits; one address gets at most a few confirmation mails a day.
 */
const EMAIL_LIMIT = { name: 'alert:email', points: 5, durationSeconds: 24 * 3600 };
const limits = new Limits([...LOOKUP_LIMITS, EMAIL_LIMIT]);
const alertLimits = () => limits;

export interface AlertRequest {
	number: ProceedingNumber;
	birthDate: string;
	/** Already checked by `parseEmail`. */
	email: string;
	locale: Locale;
	clientAddress: string;
	now: Date;
	secret: string;
	origin: string;
}

export type AlertRequestResult =
	{ kind: 'requested' } | { kind: 'not_found' } | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Creates a pending subscription and puts the confirmation e-mail in the outbox, together. An
 * address already confirmed for the proceeding gets the same answer and no mail, so the answer
 * never tells who else follows a proceeding.
 */
export async function requestStatusAlert(request: AlertRequest): Promise<AlertRequestResult> {
	const { number: n, secret } = request;
	const identity = `${n.number}/${n.typeCode}/${n.year}`;
	const lookupKeys = {
		'lookup:addr+number': limitKey(secret, request.clientAddress, identity),
		'lookup:number': limitKey(secret, identity)
	};
	const limits = alertLimits();
	const allowed = await limits.consume({
		...lookupKeys,
		'lookup:addr': limitKey(secret, request.clientAddress),
		'alert:email': limitKey(secret, 'alert', request.email.toLowerCase())
	});
	if (!allowed.allowed) return { kind: 'throttled', retryAfterSeconds: allowed.retryAfterSeconds };

	const proceedingId = await findProceedingId(n, request.birthDate);
	if (!proceedingId) return { kind: 'not_found' };
	await limits.forgive(lookupKeys);

	const inputs = (await statusInputs([proceedingId])).get(proceedingId);
	const stage = deriveStatus(
		inputs?.events ?? [],
		{ typeCode: '', complex: false },
		request.now
	).stage;
	const id = randomUUID();
	const token = newToken();
	const link = pageLink(request.origin, request.locale, `/status/alerts/confirm/${token}`);
	const written = await inTransaction(async (tx) => {
		const written = await upsertPending(
			{
				id,
				proceedingId,
				email: request.email,
				locale: request.locale,
				confirmTokenHash: hashToken(token),
				unsubscribeTokenHash: hashToken(unsubscribeToken(secret, id)),
				createdAt: request.now,
				stage
			},
			tx
		);
		if (written) await enqueueMail([confirmationMail(request.email, request.locale, link)], tx);
		return written;
	});
	if (written) {
		log.info({ subscriptionId: written }, 'status alert requested');
		await track('status_alert_signup', request.locale, { step: 'requested' });
	}
	return { kind: 'requested' };
}

export type LinkState = 'pending' | 'done' | 'expired' | 'unknown';

function wellFormed(token: string): boolean {
	return TOKEN_PATTERN.test(token);
}

/** What a confirmation link would do now (the page shows a button only for `pending`). */
export async function confirmLinkState(token: string, now: Date): Promise<LinkState> {
	if (!wellFormed(token)) return 'unknown';
	const s = await findByTokenHash('confirm', hashToken(token));
	if (!s || s.unsubscribedAt) return 'unknown';
	if (s.confirmedAt) return 'done';
	return now.getTime() - s.createdAt.getTime() >= CONFIRM_LINK_MS ? 'expired' : 'pending';
}

export type ConfirmOutcome = 'confirmed' | 'already_confirmed' | 'expired' | 'unknown';

/** Confirms with the token from the e-mail: once, within the week. */
export async function confirmStatusAlert(token: string, now: Date): Promise<ConfirmOutcome> {
	if (!wellFormed(token)) return 'unknown';
	const hash = hashToken(token);
	if (await markConfirmed(hash, now, new Date(now.getTime() - CONFIRM_LINK_MS))) {
		const s = await findByTokenHash('confirm', hash);
		log.info({ subscriptionId: s?.id }, 'status alert confirmed');
		await track('status_alert_signup', s?.locale ?? null, { step: 'confirmed' });
		return 'confirmed';
	}
	const state = await confirmLinkState(token, now);
	if (state === 'done') return 'already_confirmed';
	if (state === 'expired') return 'expired';
	return 'unknown';
}

export type UnsubscribeState = 'live' | 'done' | 'unknown';

export async function unsubscribeLinkState(token: string): Promise<UnsubscribeState> {
	if (!wellFormed(token)) return 'unknown';
	const s = await findByTokenHash('unsubscribe', hashToken(token));
	if (!s) return 'unknown';
	return s.unsubscribedAt ? 'done' : 'live';
}

export type UnsubscribeOutcome = 'unsubscribed' | 'already_unsubscribed' | 'unknown';

/** Ends the subscription and erases the address. Works for pending ones too. */
export async function unsubscribeStatusAlert(
	token: string,
	now: Date
): Promise<UnsubscribeOutcome> {
	if (!wellFormed(token)) return 'unknown';
	const hash = hashToken(token);
	if (await markUnsubscribed(hash, now)) {
		const s = await findByTokenHash('unsubscribe', hash);
		log.info({ subscriptionId: s?.id }, 'status alert unsubscribed');
		await track('status_alert_signup', s?.locale ?? null, { step: 'unsubscribed' });
		return 'unsubscribed';
	}
	return (await unsubscribeLinkState(token)) === 'done' ? 'already_unsubscribed' : 'unknown';
}

export interface NotifyOptions {
	origin?: string;
	secret?: string;
	db?: Db;
}

/**
 * After an import: one e-mail per confirmed subscription whose proceeding now stands at another
 * stage than the one last announced, and the new stage recorded, in one transaction. The stage
 * is recorded, not the event, so a batch sent again, or events that do not move the stage,
 * send nothing.
 */
export async function notifyStatusChanges(
	proceedingIds: string[],
	now: Date,
	options: NotifyOptions = {}
): Promise<number> {
	if (proceedingIds.length === 0) return 0;
	const origin = options.origin ?? getConfig().publicOrigin;
	const secret = options.secret ?? getConfig().appSecret;
	const queued = await inTransaction(async (tx) => {
		const subscriptions = await lockConfirmed(proceedingIds, tx);
		if (subscriptions.length === 0) return 0;
		const inputs = await statusInputs([...new Set(subscriptions.map((s) => s.proceedingId))], tx);
		const stages = new Map<string, Stage>();
		for (const [id, i] of inputs)
			stages.set(id, deriveStatus(i.events, { typeCode: '', complex: i.complex }, now).stage);
		const numbers = new Map([...inputs].map(([id, i]) => [id, i.number]));

		const mails: OutboxMessage[] = [];
		const notified = new Map<Stage, string[]>();
		for (const s of subscriptions) {
			const stage = stages.get(s.proceedingId);
			if (!stage || stage === s.lastNotifiedStage) continue;
			mails.push(changeMail(s, numbers.get(s.proceedingId)!, stage, origin, secret));
			notified.set(stage, [...(notified.get(stage) ?? []), s.id]);
		}
		await enqueueMail(mails, tx);
		for (const [stage, ids] of notified) await setNotifiedStage(ids, stage, tx);
		return mails.length;
	}, options.db);
	if (queued > 0) log.info({ queued }, 'status alerts queued');
	return queued;
}
