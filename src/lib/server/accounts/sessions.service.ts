// Staff sign-in and sessions in Lucia's published design (the package is deprecated): a token
// `<id>.<secret>`, only a SHA-256 of the secret stored and compared in constant time, an idle
// timeout with sliding renewal, an absolute cap, and a second factor before anything else.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { limitKey, Limits } from '../rate-limit/limiter';
import { hashToken, newToken, seal, unseal } from '../security/tokens';
import type { Actor } from './access';
import {
	claimTotpStep,
	deleteSession,
	deleteUserSessions,
	findSession,
	findUserForSignIn,
	insertSession,
	markSecondFactor,
	saveSecondFactor,
	touchSession,
	useRecoveryCode,
	type SessionRecord
} from './accounts.repository';
import { hashPassword, verifyPassword } from './password';
import {
	acceptTotp,
	hashRecoveryCode,
	newRecoveryCodes,
	newTotpKey,
	totpStep,
	totpUri
} from './second-factor';

/** Signed out after 30 minutes without a request (a shared counter PC). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Signed out 12 hours after signing in, however active: one working day. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** The second factor must follow the password within 10 minutes. */
export const SECOND_FACTOR_WINDOW_MS = 10 * 60 * 1000;
/** Renew the idle clock at most once a minute: no write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

const TOTP_PURPOSE = 'totp-key';

export const SIGN_IN_LIMITS = [
	{ name: 'signin:account', points: 10, durationSeconds: 15 * 60 },
	{ name: 'signin:addr', points: 30, durationSeconds: 15 * 60 },
	{ name: 'second-factor:account', points: 5, durationSeconds: 15 * 60 }
];

const signInLimits = new Limits(SIGN_IN_LIMITS);
const limits = () => signInLimits;

// Verifying against this when the account does not exist takes as long as a real check, so
// the time of the answer does not tell whether an address has an account.
let dummyHash: Promise<string> | undefined;

const TOKEN = /^([A-Za-z0-9_-]{20})\.([A-Za-z0-9_-]{27})$/;

function newSessionToken(): { id: string; secret: string; token: string } {
	const id = randomBytes(15).toString('base64url');
	const secret = newToken();
	return { id, secret, token: `${id}.${secret}` };
}

export interface Requester {
	clientAddress: string;
	secret: string;
	now: Date;
}

export type SignInResult =
	| { kind: 'ok'; token: string; next: 'verify' | 'enrol' }
	| { kind: 'refused' }
	| { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Password step. Every failure gives the same answer (no hint whether the account exists or is
 * disabled). A new session id at every sign-in; it can do nothing until the second factor.
 */
export async function signIn(
	email: string,
	password: string,
	who: Requester
): Promise<SignInResult> {
	const keys = {
		'signin:account': limitKey(who.secret, 'signin', email.trim().toLowerCase()),
		'signin:addr': limitKey(who.secret, 'signin', who.clientAddress)
	};
	const outcome = await limits().consume(keys);
	if (!outcome.allowed) return { kind: 'throttled', retryAfterSeconds: outcome.retryAfterSeconds };
	const user = await findUserForSignIn(email.trim());
	dummyHash ??= hashPassword(newToken());
	const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
	if (!user || !ok || user.disabled) return { kind: 'refused' };
	await limits().forgive({ 'signin:account': keys['signin:account'] });
	const session = newSessionToken();
	await insertSession({
		id: session.id,
		secretHash: hashToken(session.secret),
		userId: user.id,
		at: who.now
	});
	const record = await findSession(session.id);
	return { kind: 'ok', token: session.token, next: record?.user.totpKey ? 'verify' : 'enrol' };
}

export interface ValidSession {
	sessionId: string;
	userId: string;
	email: string;
	/** Password and second factor done: the session may be used. */
	complete: boolean;
	/** The account has an authenticator enrolled. */
	enrolled: boolean;
	actor: Actor;
}

function isLive(record: SessionRecord, now: Date): boolean {
	const t = now.getTime();
	if (record.user.disabled) return false;
	if (t - record.lastUsedAt.getTime() >= IDLE_TIMEOUT_MS) return false;
	if (t - record.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS) return false;
	if (!record.secondFactorAt && t - record.createdAt.getTime() >= SECOND_FACTOR_WINDOW_MS)
		return false;
	return true;
}

/** The session a cookie names, renewed (sliding) when in use; null when invalid or expired. */
export async function validateSession(token: string, now: Date): Promise<ValidSession | null> {
	const match = TOKEN.exec(token);
	if (!match) return null;
	const record = await findSession(match[1]!);
	if (!record) return null;
	const given = hashToken(match[2]!);
	if (given.length !== record.secretHash.length || !timingSafeEqual(given, record.secretHash)) {
		return null;
	}
	if (!isLive(record, now)) {
		await deleteSession(record.id);
		return null;
	}
	if (now.getTime() - record.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
		await touchSession(record.id, now);
	return {
		sessionId: record.id,
		userId: record.user.id,
		email: record.user.email,
		complete: record.secondFactorAt !== null,
		enrolled: record.user.totpKey !== null,
		actor: {
			userId: record.user.id,
			displayName: record.user.displayName,
			roles: new Set(record.roles),
			branchIds: record.branchIds
		}
	};
}

export type SecondFactorResult =
	{ kind: 'ok' } | { kind: 'refused' } | { kind: 'throttled'; retryAfterSeconds: number };

async function secondFactorAllowed(session: ValidSession, who: Requester) {
	return limits().consume({
		'second-factor:account': limitKey(who.secret, 'second-factor', session.userId)
	});
}

/** The code from the authenticator, or a one-time recovery code. */
export async function verifySecondFactor(
	session: ValidSession,
	code: string,
	who: Requester
): Promise<SecondFactorResult> {
	if (session.complete || !session.enrolled) return { kind: 'refused' };
	const allowed = await secondFactorAllowed(session, who);
	if (!allowed.allowed) return { kind: 'throttled', retryAfterSeconds: allowed.retryAfterSeconds };
	const record = await findSession(session.sessionId);
	if (!record?.user.totpKey) return { kind: 'refused' };
	const key = unseal(record.user.totpKey, who.secret, TOTP_PURPOSE);
	const step = acceptTotp(key, code, who.now, record.user.totpLastStep);
	const ok =
		step !== null
			? await claimTotpStep(session.userId, step)
			: /^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/.test(code.trim()) &&
				(await useRecoveryCode(session.userId, hashRecoveryCode(code.trim()), who.now));
	if (!ok) return { kind: 'refused' };
	await limits().forgive({
		'second-factor:account': limitKey(who.secret, 'second-factor', session.userId)
	});
	await markSecondFactor(session.sessionId, who.now);
	return { kind: 'ok' };
}

export interface Enrolment {
	/** Sealed with APP_SECRET for the hidden form field: the server keeps nothing in memory. */
	pending: string;
	uri: string;
	/** The key as people type it into an authenticator without a camera. */
	manualKey: string;
}

/** A new authenticator key for a session that has passed the password step and has none. */
export function beginEnrolment(session: ValidSession, secret: string): Enrolment {
	const key = newTotpKey();
	const payload = new TextEncoder().encode(
		`${session.userId}:${Buffer.from(key).toString('base64')}`
	);
	return {
		pending: Buffer.from(seal(payload, secret, 'totp-enrolment')).toString('base64url'),
		uri: totpUri(session.email, key),
		manualKey: encodeBase32UpperCaseNoPadding(key)
			.replace(/(.{4})/g, '$1 ')
			.trim()
	};
}

/** The key in a pending enrolment, if it was sealed by this server for this account. */
export function pendingKey(
	session: ValidSession,
	pending: string,
	secret: string
): Uint8Array | null {
	try {
		const text = new TextDecoder().decode(
			unseal(Buffer.from(pending, 'base64url'), secret, 'totp-enrolment')
		);
		const [userId, key] = text.split(':');
		return userId === session.userId && key ? new Uint8Array(Buffer.from(key, 'base64')) : null;
	} catch {
		return null;
	}
}

export type EnrolResult =
	| { kind: 'ok'; recoveryCodes: string[] }
	| { kind: 'refused' }
	| { kind: 'throttled'; retryAfterSeconds: number };

/** The first code from the new authenticator proves it works; then recovery codes, shown once. */
export async function confirmEnrolment(
	session: ValidSession,
	pending: string,
	code: string,
	who: Requester
): Promise<EnrolResult> {
	if (session.complete || session.enrolled) return { kind: 'refused' };
	const allowed = await secondFactorAllowed(session, who);
	if (!allowed.allowed) return { kind: 'throttled', retryAfterSeconds: allowed.retryAfterSeconds };
	const key = pendingKey(session, pending, who.secret);
	if (!key) return { kind: 'refused' };
	const step = acceptTotp(key, code, who.now, null);
	if (step === null) return { kind: 'refused' };
	const recoveryCodes = newRecoveryCodes();
	await saveSecondFactor(
		session.userId,
		seal(key, who.secret, TOTP_PURPOSE),
		step,
		recoveryCodes.map(hashRecoveryCode)
	);
	await markSecondFactor(session.sessionId, who.now);
	return { kind: 'ok', recoveryCodes };
}

export async function signOut(session: ValidSession): Promise<void> {
	await deleteSession(session.sessionId);
}

/** Ends every session of this account, on every device, this one included. */
export async function signOutEverywhere(session: ValidSession): Promise<number> {
	return deleteUserSessions(session.userId);
}

export { totpStep };
