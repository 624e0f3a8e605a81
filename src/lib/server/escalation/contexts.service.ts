// Call with context (issue "Hotline escalation and the agent console", item 1): the person agrees
// to share what they were looking at, and gets a six-digit code to read out and a link for the
// agent. Only what the person chose to share is stored, only the token's hash, for 24 hours or
// until the end of the line's next opening period, whichever is later.
import { isLocale } from '../../paraglide/runtime';
import { toPrague } from '../../time/prague';
import { bookingByToken } from '../booking/bookings.service';
import { track } from '../insights/insights.service';
import { log } from '../log';
import type { ProceedingNumber } from '../proceedings/proceeding-number';
import { verifyProceeding } from '../proceedings/proceedings.service';
import { limitKey, Limits } from '../rate-limit/limiter';
import { hashToken, newToken, TOKEN_PATTERN } from '../security/tokens';
import { newContextCode } from './context-code';
import { codeValidUntilOnEveryLine } from './hotline';
import { currentHotline } from './hotline-settings.service';
import { SLUG_PATTERN } from '../http/form';
import { findContext, insertContextWithCode, withdrawActive } from './contexts.repository';
import { PAGE_AREAS, inList, type EscalationChannel, type PageArea } from './taxonomy';

/** How long a shared context can be opened at least (configurable here); longer when the line's
 * next opening period ends later (`codeValidUntil`). */
export const CONTEXT_HOURS = 24;
export const QUESTION_MAX = 280;
export const TOPIC_MAX = 120;
/** Tries at a free code before giving up (a collision needs another active context's code). */
export const CODE_ATTEMPTS = 10;
/** When every code is taken, ask the person to come back after this long (or to just call). */
export const NO_FREE_CODE_RETRY_SECONDS = 10 * 60;

/**
 * Contexts one address may create in an hour (sharing and callbacks with context): a person
 * shares once or twice per call; a script filling the 10⁶ codes is stopped long before.
 */
const shareLimits = new Limits([{ name: 'share:addr', points: 20, durationSeconds: 3600 }]);

/** What the person agreed to share, typed and parsed at the edge. */
export interface ContextShare {
	locale: string;
	/** The page they were on, e.g. `/uk/checklists/employee-card`. */
	pagePath: string;
	/** The page's topic as the person saw it (its title). */
	topic: string | null;
	question: string | null;
	/** A proceeding saved on their device: its number and the date of birth it was found with. */
	proceeding: { number: ProceedingNumber; birthDate: string } | null;
	/** A checklist and the item keys ticked on their device. */
	checklist: { slug: string; ticked: string[] } | null;
	/** The link token of a booking kept on their device. */
	bookingToken: string | null;
	/** What they were about to book. */
	bookingDraft: { serviceSlug: string; branchSlug: string } | null;
}

/** Who shares: for the proceeding check, which spends from the status lookup's limits. */
export interface Requester {
	clientAddress: string;
	secret: string;
}

export type ContextField =
	'locale' | 'pagePath' | 'topic' | 'question' | 'checklist' | 'booking' | 'bookingDraft';

export type CreateContextResult =
	| { kind: 'created'; contextId: string; code: string; token: string; expiresAt: Date }
	| { kind: 'invalid'; fields: ContextField[] }
	| { kind: 'proceeding_not_found' }
	| { kind: 'booking_not_found' }
	| { kind: 'throttled'; retryAfterSeconds: number }
	/** Every active context holds a code; none was free after `CODE_ATTEMPTS` tries. */
	| { kind: 'no_free_code'; retryAfterSeconds: number };

export interface CreateOptions {
	channel?: EscalationChannel;
	/** A callback's context lives until its window is over. */
	expiresAt?: Date;
	/** For tests: a tiny code space makes collisions certain. */
	newCode?: () => string;
	attempts?: number;
}

const ITEM_KEY = /^[a-z0-9][a-z0-9_-]{0,79}$/;
const LOCALE_PREFIX = /^\/(?:en|uk|ru|vi)(?=\/|$)/;

/**
 * The path without query or fragment, cut before the first segment that looks like a token
 * (`/booking/{token}`, unsubscribe links): a link's secret is never kept.
 */
export function normalisePagePath(path: string): string | null {
	const bare = path.split(/[?#]/)[0]!;
	if (!/^\/[A-Za-z0-9/_-]{0,199}$/.test(bare)) return null;
	const segments = bare.split('/');
	const secret = segments.findIndex((s) => /^[A-Za-z0-9_-]{20,}$/.test(s));
	const kept = secret === -1 ? bare : segments.slice(0, secret).join('/');
	return kept === '' ? '/' : kept;
}

/** The site area of a path, for anonymous counts. */
export function pageArea(path: string): PageArea {
	const first = path.replace(LOCALE_PREFIX, '').split('/')[1] ?? '';
	if (first === '') return 'home';
	return inList(PAGE_AREAS, first) ? first : 'other';
}

const clean = (text: string | null) => text?.trim().replace(/\s+/g, ' ') || null;

interface ValidShare {
	locale: string;
	pagePath: string;
	topic: string | null;
	question: string | null;
	checklist: { slug: string; ticked: string[] } | null;
}

function validateShare(share: ContextShare): ValidShare | ContextField[] {
	const fields: ContextField[] = [];
	if (!isLocale(share.locale)) fields.push('locale');
	const pagePath = normalisePagePath(share.pagePath);
	if (pagePath === null) fields.push('pagePath');
	const topic = clean(share.topic);
	if (topic && [...topic].length > TOPIC_MAX) fields.push('topic');
	const question = share.question?.trim() || null;
	if (question && [...question].length > QUESTION_MAX) fields.push('question');
	let checklist: ValidShare['checklist'] = null;
	if (share.checklist) {
		const ticked = [...new Set(share.checklist.ticked)];
		if (
			!SLUG_PATTERN.test(share.checklist.slug) ||
			ticked.length > 100 ||
			!ticked.every((k) => ITEM_KEY.test(k))
		)
			fields.push('checklist');
		else checklist = { slug: share.checklist.slug, ticked };
	}
	if (share.bookingToken !== null && !TOKEN_PATTERN.test(share.bookingToken))
		fields.push('booking');
	const draft = share.bookingDraft;
	if (draft && (!SLUG_PATTERN.test(draft.serviceSlug) || !SLUG_PATTERN.test(draft.branchSlug)))
		fields.push('bookingDraft');
	if (fields.length > 0) return fields;
	return { locale: share.locale, pagePath: pagePath!, topic, question, checklist };
}

/**
 * Stores what the person shares and gives them a code unique among active contexts and a link
 * token. A proceeding is checked against its date of birth (a wrong one counts as a guess, as on
 * the status page) and linked by id; a booking is linked by id through its token.
 */
export async function createContext(
	share: ContextShare,
	requester: Requester,
	now: Date,
	options: CreateOptions = {}
): Promise<CreateContextResult> {
	const valid = validateShare(share);
	if (Array.isArray(valid)) return { kind: 'invalid', fields: valid };
	const limit = await shareLimits.consume({
		'share:addr': limitKey(requester.secret, 'share', requester.clientAddress)
	});
	if (!limit.allowed) return { kind: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };

	let proceedingId: string | null = null;
	if (share.proceeding) {
		const found = await verifyProceeding({
			...share.proceeding,
			...requester,
			locale: valid.locale,
			now
		});
		if (found.kind === 'throttled') return found;
		if (found.kind === 'not_found') return { kind: 'proceeding_not_found' };
		proceedingId = found.proceedingId;
	}
	let bookingId: string | null = null;
	if (share.bookingToken) {
		const booking = await bookingByToken(share.bookingToken);
		if (!booking) return { kind: 'booking_not_found' };
		bookingId = booking.id;
	}

	const token = newToken();
	const expiresAt =
		options.expiresAt ?? codeValidUntilOnEveryLine(await currentHotline(), now, CONTEXT_HOURS);
	const context = {
		tokenHash: hashToken(token),
		locale: valid.locale,
		pagePath: valid.pagePath,
		topic: valid.topic,
		question: valid.question,
		proceedingId,
		checklistSlug: valid.checklist?.slug ?? null,
		checklistTicked: valid.checklist?.ticked ?? null,
		bookingId,
		draftServiceSlug: share.bookingDraft?.serviceSlug ?? null,
		draftBranchSlug: share.bookingDraft?.branchSlug ?? null,
		createdAt: now,
		expiresAt
	};
	const nextCode = options.newCode ?? newContextCode;
	for (let attempt = 0; attempt < (options.attempts ?? CODE_ATTEMPTS); attempt++) {
		const code = nextCode();
		const stored = await insertContextWithCode(context, code);
		if (stored === 'code_taken') continue;
		track('escalation_created', valid.locale, {
			channel: options.channel ?? 'call',
			area: pageArea(valid.pagePath),
			hour: toPrague(now).hour,
			...(context.checklistSlug ? { checklist: context.checklistSlug } : {})
		});
		return { kind: 'created', contextId: stored.id, code, token, expiresAt };
	}
	log.warn({ attempts: options.attempts ?? CODE_ATTEMPTS }, 'no free context code');
	return { kind: 'no_free_code', retryAfterSeconds: NO_FREE_CODE_RETRY_SECONDS };
}

/** The person withdraws what they shared: the code is freed and the payload erased. */
export async function withdrawContext(token: string, now: Date): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	return (await withdrawActive(hashToken(token), now)) !== null;
}

/** What the person who shared a context may see of it again: its code and until when. */
export async function sharedContext(
	token: string,
	now: Date
): Promise<{ code: string; expiresAt: Date } | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const found = await findContext({ tokenHash: hashToken(token) });
	if (!found?.code || found.withdrawnAt || found.expiresAt <= now) return null;
	return { code: found.code, expiresAt: found.expiresAt };
}
