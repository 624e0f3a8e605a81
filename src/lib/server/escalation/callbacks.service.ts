// Callback requests (issue "Hotline escalation and the agent console", item 2): a person leaves
// a number and when to call; agents take requests from a queue, one each, and record every try.
import { isLocale, type Locale } from '../../paraglide/runtime';
import { addDays, fromPrague, isoDate, parseClock, toPrague } from '../../time/prague';
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { track } from '../insights/insights.service';
import { limitKey, Limits } from '../rate-limit/limiter';
import { hashToken, newToken, TOKEN_PATTERN, UUID_PATTERN } from '../security/tokens';
import { OPEN_REASONS, openContextRecord, type ContextView } from './agent-console.service';
import {
	claimById,
	claimNext,
	countDue,
	findHeld,
	finishClaimed,
	insertCallback,
	recordAttempt,
	waitingRequests,
	withdrawPending,
	type ClaimedRow
} from './callbacks.repository';
import { ensureCase } from './cases.repository';
import { findContext } from './contexts.repository';
import {
	CONTEXT_HOURS,
	createContext,
	type ContextField,
	type ContextShare,
	type Requester
} from './contexts.service';
import { parseCallbackPhone, type PhoneError } from './phone';
import { sharedPageTitle } from '../../shared-page';
import { getChecklist } from '../content/content.service';
import { ATTEMPT_RESULTS, inList, type AttemptResult, type CallbackOutcome } from './taxonomy';

/** A claim not finished within this time may be taken by another agent. */
export const CLAIM_MINUTES = 30;
/** After no answer, the request returns to the queue this much later. */
export const RETRY_MINUTES = 20;
/** Tries without an answer before the request is closed as unreachable. */
export const MAX_NO_ANSWER = 3;
/** How far ahead a person may choose a day. */
export const WINDOW_DAYS_AHEAD = 14;

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Requests per address, and per phone number whoever asks: the queue cannot be flooded, and the
 * hotline is not made to call one stranger again and again.
 */
const callbackLimits = new Limits([
	{ name: 'callback:addr', points: 20, durationSeconds: 3600 },
	{ name: 'callback:phone', points: 3, durationSeconds: 24 * 3600 }
]);

/** When to call: any time the line is staffed, or a Prague date between two times. */
export type CallbackWindow =
	{ kind: 'any' } | { kind: 'window'; date: string; from: string; to: string };

export type WindowError = 'window_invalid' | 'window_past' | 'window_too_far';

export function parseWindow(
	window: CallbackWindow,
	now: Date
): { ok: true; start: Date | null; end: Date | null } | { ok: false; error: WindowError } {
	if (window.kind === 'any') return { ok: true, start: null, end: null };
	const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(window.date);
	if (!date || !/^\d{2}:\d{2}$/.test(window.from) || !/^\d{2}:\d{2}$/.test(window.to))
		return { ok: false, error: 'window_invalid' };
	const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
	if (isoDate(y, m, d) !== window.date || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d)
		return { ok: false, error: 'window_invalid' };
	const from = parseClock(window.from);
	const to = parseClock(window.to);
	if (from.hour > 23 || to.hour > 24 || from.minute > 59 || to.minute > 59)
		return { ok: false, error: 'window_invalid' };
	const start = fromPrague(y, m, d, from.hour, from.minute);
	const end = fromPrague(y, m, d, to.hour, to.minute);
	if (end <= start) return { ok: false, error: 'window_invalid' };
	if (end <= now) return { ok: false, error: 'window_past' };
	const today = toPrague(now);
	const last = addDays(today.year, today.month, today.day, WINDOW_DAYS_AHEAD);
	if (window.date > isoDate(last.year, last.month, last.day))
		return { ok: false, error: 'window_too_far' };
	return { ok: true, start, end };
}

export interface CallbackRequestInput {
	phone: string;
	locale: string;
	window: CallbackWindow;
	/** What the person agreed to share with the agent who calls, if anything. */
	context: ContextShare | null;
}

export type RequestCallbackResult =
	| {
			kind: 'requested';
			/** The person's handle to withdraw the request. */
			token: string;
			context: { code: string; token: string; expiresAt: Date } | null;
	  }
	| {
			kind: 'invalid';
			errors: (PhoneError | WindowError | 'locale')[];
			contextFields: ContextField[];
	  }
	| { kind: 'proceeding_not_found' }
	| { kind: 'booking_not_found' }
	| { kind: 'throttled'; retryAfterSeconds: number }
	| { kind: 'no_free_code'; retryAfterSeconds: number };

/** Queues a callback; a shared context lives until a day after the chosen window. */
export async function requestCallback(
	input: CallbackRequestInput,
	requester: Requester,
	now: Date
): Promise<RequestCallbackResult> {
	const errors: (PhoneError | WindowError | 'locale')[] = [];
	const phone = parseCallbackPhone(input.phone);
	if (!phone.ok) errors.push(phone.error);
	const window = parseWindow(input.window, now);
	if (!window.ok) errors.push(window.error);
	if (!isLocale(input.locale)) errors.push('locale');
	if (!phone.ok || !window.ok || errors.length > 0)
		return { kind: 'invalid', errors, contextFields: [] };
	const limit = await callbackLimits.consume({
		'callback:addr': limitKey(requester.secret, 'callback', requester.clientAddress),
		'callback:phone': limitKey(requester.secret, 'callback', phone.e164)
	});
	if (!limit.allowed) return { kind: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };

	let context: { id: string; code: string; token: string; expiresAt: Date } | null = null;
	if (input.context) {
		const created = await createContext(input.context, requester, now, {
			channel: 'callback',
			expiresAt: new Date((window.end ?? now).getTime() + CONTEXT_HOURS * HOUR)
		});
		if (created.kind === 'invalid')
			return { kind: 'invalid', errors: [], contextFields: created.fields };
		if (created.kind !== 'created') return created;
		context = {
			id: created.contextId,
			code: created.code,
			token: created.token,
			expiresAt: created.expiresAt
		};
	} else {
		track('escalation_created', input.locale, {
			channel: 'callback',
			area: 'none',
			hour: toPrague(now).hour
		});
	}
	const token = newToken();
	await insertCallback({
		tokenHash: hashToken(token),
		phone: phone.e164,
		locale: input.locale,
		windowStart: window.start,
		windowEnd: window.end,
		contextId: context?.id ?? null,
		createdAt: now
	});
	track('callback', input.locale, { step: 'requested', window: window.start ? 'chosen' : 'any' });
	return {
		kind: 'requested',
		token,
		context: context && { code: context.code, token: context.token, expiresAt: context.expiresAt }
	};
}

/** The person withdraws a request not yet handled (and the context shared with it). */
export async function withdrawCallback(token: string, now: Date): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	const done = await withdrawPending(hashToken(token), now);
	if (done) track('callback', null, { step: 'handled', outcome: 'withdrawn' });
	return done;
}

export interface ClaimedCallback {
	id: string;
	/** E.164, to dial. */
	phone: string;
	locale: string;
	window: { start: Date; end: Date } | null;
	requestedAt: Date;
	/** Tries so far. */
	attempts: number;
	caseId: string;
	/** What the person shared, when it is still active. */
	context: ContextView | null;
}

/**
 * Takes the next request due from the queue for this agent (never one another agent holds),
 * or null when none is due. Reading the number is audited; a shared context is opened (and
 * audited) with it.
 */
export async function claimNextCallback(
	actor: Actor | null,
	now: Date,
	viewLocale: Locale = 'cs'
): Promise<ClaimedCallback | null> {
	const agent = requireRole(actor, 'agent');
	const row = await claimNext(agent.userId, now, staleBefore(now));
	return row && toClaimedCallback(agent, row, 'callback.claim', now, viewLocale);
}

/**
 * The request this agent holds (`/agent/callbacks/{id}`), or null once it left their hands
 * (back in the queue, finished, or never theirs). Audited like the claim.
 */
export async function heldCallback(
	actor: Actor | null,
	callbackId: string,
	now: Date,
	viewLocale: Locale = 'cs'
): Promise<ClaimedCallback | null> {
	const agent = requireRole(actor, 'agent');
	const row = UUID_PATTERN.test(callbackId) ? await findHeld(callbackId, agent.userId) : null;
	return row && toClaimedCallback(agent, row, 'callback.read', now, viewLocale);
}

/**
 * Takes one request from the worklist (issue 17 point 5), or null when it is no longer there to
 * take (another agent was quicker, it finished, or its window has not begun). Audited like a claim.
 */
export async function claimCallback(
	actor: Actor | null,
	callbackId: string,
	now: Date,
	viewLocale: Locale = 'cs'
): Promise<ClaimedCallback | null> {
	const agent = requireRole(actor, 'agent');
	if (!UUID_PATTERN.test(callbackId)) return null;
	const row = await claimById(callbackId, agent.userId, now, staleBefore(now));
	return row && toClaimedCallback(agent, row, 'callback.claim', now, viewLocale);
}

/** One waiting request as the worklist shows it: nothing personal (no number, no question). */
export interface WaitingCallback {
	id: string;
	locale: string;
	window: { start: Date; end: Date } | null;
	requestedAt: Date;
	/** Minutes since the person asked. */
	waitingMinutes: number;
	attempts: number;
	/** Its window has begun (or a retry's time has come): it can be claimed now. */
	due: boolean;
	/** Where the person asked from, by title in the agent's language, and what they shared. */
	context: { page: string; question: boolean; proceeding: boolean; booking: boolean } | null;
}

/**
 * The callback queue as a worklist (issue 17 point 5): waiting requests in the order of the
 * windows the callers chose, with their age, language and a summary of what they shared. Agents
 * only; it shows no personal data, so reading it is not audited (claiming one is).
 */
export async function callbackWorklist(
	actor: Actor | null,
	now: Date,
	viewLocale: Locale = 'cs'
): Promise<WaitingCallback[]> {
	requireRole(actor, 'agent');
	const rows = await waitingRequests(staleBefore(now));
	const slugs = [...new Set(rows.flatMap((r) => r.context?.checklistSlug ?? []))];
	const titles = new Map(
		await Promise.all(
			slugs.map(
				async (slug) => [slug, (await getChecklist(slug, viewLocale, now))?.title ?? null] as const
			)
		)
	);
	return rows.map((row) => ({
		id: row.id,
		locale: row.locale,
		window:
			row.windowStart && row.windowEnd ? { start: row.windowStart, end: row.windowEnd } : null,
		requestedAt: row.createdAt,
		waitingMinutes: Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / MINUTE)),
		attempts: row.attempts,
		due: row.nextAttemptAt <= now,
		context: row.context && {
			page: sharedPageTitle(
				row.context.pagePath,
				viewLocale,
				row.context.checklistSlug ? (titles.get(row.context.checklistSlug) ?? null) : null
			),
			question: row.context.hasQuestion,
			proceeding: row.context.hasProceeding,
			booking: row.context.hasBooking
		}
	}));
}

/** How many requests "claim the next" could take now. Agents only. */
export async function waitingCallbacks(actor: Actor | null, now: Date): Promise<number> {
	requireRole(actor, 'agent');
	return countDue(now, staleBefore(now));
}

const staleBefore = (now: Date) => new Date(now.getTime() - CLAIM_MINUTES * MINUTE);

async function toClaimedCallback(
	agent: Actor,
	row: ClaimedRow,
	action: 'callback.claim' | 'callback.read',
	now: Date,
	viewLocale: Locale
): Promise<ClaimedCallback> {
	await audit(
		agent,
		{ action, subjectType: 'callback', subjectId: row.id, reason: OPEN_REASONS.callback },
		now
	);
	let context: ContextView | null = null;
	if (row.contextId) {
		const opened = await openContextRecord(
			agent,
			await findContext({ id: row.contextId }),
			OPEN_REASONS.callback,
			now,
			viewLocale,
			row.id
		);
		if (opened.kind === 'opened') context = opened.context;
	}
	const caseId =
		context?.case.id ??
		(await ensureCase({
			contextId: null,
			callbackId: row.id,
			channel: 'callback',
			openedBy: agent.userId,
			openedAt: now
		}));
	return {
		id: row.id,
		phone: row.phone,
		locale: row.locale,
		window:
			row.windowStart && row.windowEnd ? { start: row.windowStart, end: row.windowEnd } : null,
		requestedAt: row.createdAt,
		attempts: row.attempts,
		caseId,
		context
	};
}

export type AttemptRecorded =
	| { kind: 'recorded'; finished: CallbackOutcome | null }
	| { kind: 'not_claimed' }
	| { kind: 'invalid' };

/**
 * One try at calling back, by the agent holding the request: `reached` (then finish it),
 * `no_answer` (back to the queue in 20 minutes; closed as unreachable after the third),
 * `wrong_number` (closed, number erased).
 */
export async function recordCallbackAttempt(
	actor: Actor | null,
	callbackId: string,
	result: string,
	now: Date
): Promise<AttemptRecorded> {
	const agent = requireRole(actor, 'agent');
	if (!inList(ATTEMPT_RESULTS, result) || !UUID_PATTERN.test(callbackId))
		return { kind: 'invalid' };
	const recorded = await recordAttempt(callbackId, agent.userId, result as AttemptResult, now, {
		retryAt: new Date(now.getTime() + RETRY_MINUTES * MINUTE),
		maxNoAnswer: MAX_NO_ANSWER
	});
	if (!recorded) return { kind: 'not_claimed' };
	await audit(
		agent,
		{
			action: `callback.attempt.${result}`,
			subjectType: 'callback',
			subjectId: callbackId,
			reason: OPEN_REASONS.callback
		},
		now
	);
	if (recorded.finished) track('callback', null, { step: 'handled', outcome: recorded.finished });
	return { kind: 'recorded', finished: recorded.finished };
}

/** Closes a request the agent holds: `completed` after talking, or `unreachable`. */
export async function finishCallback(
	actor: Actor | null,
	callbackId: string,
	outcome: 'completed' | 'unreachable',
	now: Date
): Promise<boolean> {
	const agent = requireRole(actor, 'agent');
	if (!UUID_PATTERN.test(callbackId) || (outcome !== 'completed' && outcome !== 'unreachable'))
		return false;
	if (!(await finishClaimed(callbackId, agent.userId, outcome, now))) return false;
	await audit(
		agent,
		{
			action: 'callback.finish',
			subjectType: 'callback',
			subjectId: callbackId,
			reason: OPEN_REASONS.callback
		},
		now
	);
	track('callback', null, { step: 'handled', outcome });
	return true;
}
