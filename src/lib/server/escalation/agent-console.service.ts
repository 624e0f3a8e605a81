// The agent's view of a shared context (issue "Hotline escalation and the agent console", item
// 3): everything the caller shared, with live data behind it — the proceeding's status, the
// checklist's unticked items, the booking. Every opening is audited, with the proceeding and
// booking it shows.
import { isLocale, type Locale } from '../../paraglide/runtime';
import { requireRole, type Actor } from '../accounts/access';
import { audit, auditEach, type AuditRecord } from '../audit/audit.service';
import { bookingById } from '../booking/bookings.service';
import { checklistSideBySide, type SideBySideChecklist } from '../content/content.service';
import { proceedingStatusById, type ProceedingView } from '../proceedings/proceedings.service';
import { limitKey, Limits } from '../rate-limit/limiter';
import { hashToken, TOKEN_PATTERN, UUID_PATTERN } from '../security/tokens';
import { getConfig } from '../config';
import { formatContextCode, parseContextCode } from './context-code';
import { ensureCase, findCase, type CaseRecord } from './cases.repository';
import { findContext, type ContextRecord } from './contexts.repository';
import { sharedPageTitle } from '../../shared-page';

export type BookingState = 'active' | 'cancelled' | 'checked_in' | 'completed' | 'no_show';

export interface AgentBookingView {
	id: string;
	reference: string;
	fullName: string;
	serviceSlug: string;
	branchName: string;
	startsAt: Date;
	endsAt: Date;
	state: BookingState;
}

export type CaseView = Omit<CaseRecord, 'contextId'>;

export interface ContextView {
	id: string;
	/** `482 913`, while the context holds it. */
	code: string | null;
	/** The caller's language. */
	locale: Locale;
	/** The page they were on, by its title: in the agent's language and as the caller saw it. */
	page: { agent: string; caller: string };
	/** The page's topic as the caller saw it (their language). */
	topic: string | null;
	question: string | null;
	createdAt: Date;
	expiresAt: Date;
	proceeding: ProceedingView | null;
	/** The shared checklist item by item, in the caller's language and the agent's. */
	checklist: SideBySideChecklist | null;
	booking: AgentBookingView | null;
	bookingDraft: { serviceSlug: string; branchSlug: string } | null;
	case: CaseView;
}

export type OpenContextResult =
	| { kind: 'opened'; context: ContextView }
	| { kind: 'not_found' }
	| { kind: 'expired' }
	| { kind: 'withdrawn' };

/** Audit reasons: the routes agents open contexts from. */
export const OPEN_REASONS = {
	code: '/agent',
	token: '/agent/c/[token]',
	callback: '/agent/callbacks',
	case: '/agent/case/[id]'
} as const;

function bookingState(b: {
	cancelledAt: Date | null;
	checkedInAt: Date | null;
	completedAt: Date | null;
	noShowAt: Date | null;
}): BookingState {
	if (b.cancelledAt) return 'cancelled';
	if (b.noShowAt) return 'no_show';
	if (b.completedAt) return 'completed';
	if (b.checkedInAt) return 'checked_in';
	return 'active';
}

export function toCaseView(record: CaseRecord): CaseView {
	const { id, channel, openedAt, topics, outcome, notes, flags } = record;
	return { id, channel, openedAt, topics, outcome, notes, flags };
}

/**
 * Opens a context the actor has already been allowed to see: refuses expired and withdrawn
 * ones, gathers the live data, makes sure the case exists, and audits the reading.
 */
export async function openContextRecord(
	actor: Actor,
	record: ContextRecord | null,
	reason: string,
	now: Date,
	viewLocale: Locale,
	callbackId: string | null = null
): Promise<OpenContextResult> {
	if (!record) return { kind: 'not_found' };
	if (record.withdrawnAt) return { kind: 'withdrawn' };
	if (record.expiresAt <= now) return { kind: 'expired' };

	const callerLocale: Locale = isLocale(record.locale) ? record.locale : 'cs';
	const [proceeding, checklist, booking, caseId] = await Promise.all([
		record.proceedingId ? proceedingStatusById(record.proceedingId, now) : null,
		record.checklistSlug
			? checklistSideBySide(
					record.checklistSlug,
					record.checklistTicked ?? [],
					callerLocale,
					viewLocale,
					now
				)
			: null,
		record.bookingId ? bookingById(record.bookingId) : null,
		ensureCase({
			contextId: record.id,
			callbackId,
			channel: callbackId ? 'callback' : 'call',
			openedBy: actor.userId,
			openedAt: now
		})
	]);
	const audits: AuditRecord[] = [
		{ action: 'context.open', subjectType: 'context', subjectId: record.id, reason }
	];
	if (proceeding && record.proceedingId)
		audits.push({
			action: 'proceeding.read',
			subjectType: 'proceeding',
			subjectId: record.proceedingId,
			reason
		});
	if (booking)
		audits.push({ action: 'booking.read', subjectType: 'booking', subjectId: booking.id, reason });
	await auditEach(actor, audits, now);

	const hotlineCase = (await findCase(caseId))!;
	return {
		kind: 'opened',
		context: {
			id: record.id,
			code: record.code ? formatContextCode(record.code) : null,
			locale: callerLocale,
			page: {
				agent: sharedPageTitle(record.pagePath, viewLocale, checklist?.title.agent),
				caller: sharedPageTitle(record.pagePath, callerLocale, checklist?.title.caller)
			},
			topic: record.topic,
			question: record.question,
			createdAt: record.createdAt,
			expiresAt: record.expiresAt,
			proceeding,
			checklist,
			booking: booking && {
				id: booking.id,
				reference: booking.reference,
				fullName: booking.fullName,
				serviceSlug: booking.serviceSlug,
				branchName: booking.branch.name,
				startsAt: booking.startsAt,
				endsAt: booking.endsAt,
				state: bookingState(booking)
			},
			bookingDraft:
				record.draftServiceSlug && record.draftBranchSlug
					? { serviceSlug: record.draftServiceSlug, branchSlug: record.draftBranchSlug }
					: null,
			case: toCaseView(hotlineCase)
		}
	};
}

/**
 * Codes an agent may type that open nothing, per 15 minutes: a caller misread now and then is
 * fine; an account walking the 10⁶ codes (a stolen session, a curious insider) is stopped. The
 * attempt is counted before the lookup, and an opened context gives its point back.
 */
const codeLimits = new Limits([
	{ name: 'agent-code:account', points: 20, durationSeconds: 15 * 60 }
]);

/** The context whose code the caller reads out (`482 913` or `482913`). Agents only. */
export async function openContextByCode(
	actor: Actor | null,
	typedCode: string,
	now: Date,
	viewLocale: Locale = 'cs',
	secret: string = getConfig().appSecret
): Promise<OpenContextResult | { kind: 'throttled'; retryAfterSeconds: number }> {
	const agent = requireRole(actor, 'agent');
	const code = parseContextCode(typedCode);
	if (!code) return { kind: 'not_found' };
	const keys = { 'agent-code:account': limitKey(secret, 'agent-code', agent.userId) };
	const limit = await codeLimits.consume(keys);
	if (!limit.allowed) return { kind: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	const result = await openContextRecord(
		agent,
		await findContext({ code }),
		OPEN_REASONS.code,
		now,
		viewLocale
	);
	if (result.kind === 'opened') await codeLimits.refund(keys);
	return result;
}

/** The context behind a shared link `/agent/c/{token}`. Agents only. */
export async function openContextByToken(
	actor: Actor | null,
	token: string,
	now: Date,
	viewLocale: Locale = 'cs'
): Promise<OpenContextResult> {
	const agent = requireRole(actor, 'agent');
	const record = TOKEN_PATTERN.test(token)
		? await findContext({ tokenHash: hashToken(token) })
		: null;
	return openContextRecord(agent, record, OPEN_REASONS.token, now, viewLocale);
}

export type OpenCaseResult =
	| {
			kind: 'opened';
			case: CaseView;
			/** What the caller shared, live, while the context is active. */
			context: ContextView | null;
			/** Why a context the case was opened from can no longer be shown. */
			contextClosed: 'expired' | 'withdrawn' | null;
	  }
	| { kind: 'not_found' };

/**
 * A case by id (`/agent/case/{id}`, where agents land after opening a context): the case, and
 * its context opened live while it is active (audited as an opening). Agents only.
 */
export async function openCase(
	actor: Actor | null,
	caseId: string,
	now: Date,
	viewLocale: Locale = 'cs'
): Promise<OpenCaseResult> {
	const agent = requireRole(actor, 'agent');
	const record = UUID_PATTERN.test(caseId) ? await findCase(caseId) : null;
	if (!record) return { kind: 'not_found' };
	await audit(
		agent,
		{ action: 'case.read', subjectType: 'case', subjectId: record.id, reason: OPEN_REASONS.case },
		now
	);
	if (!record.contextId)
		return { kind: 'opened', case: toCaseView(record), context: null, contextClosed: null };
	const opened = await openContextRecord(
		agent,
		await findContext({ id: record.contextId }),
		OPEN_REASONS.case,
		now,
		viewLocale
	);
	return opened.kind === 'opened'
		? { kind: 'opened', case: opened.context.case, context: opened.context, contextClosed: null }
		: {
				kind: 'opened',
				case: toCaseView(record),
				context: null,
				contextClosed: opened.kind === 'expired' ? 'expired' : 'withdrawn'
			};
}
