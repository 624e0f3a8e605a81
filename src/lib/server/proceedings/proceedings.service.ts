import { getConfig } from '../config';
import { track } from '../insights/insights.service';
import { limitKey } from '../rate-limit/limiter';
import { checkProof } from '../security/proof-of-work';
import { formatProceedingNumber, type ProceedingNumber, type TypeCode } from './proceeding-number';
import { deriveStatus, type ProceedingStatus, type Stage } from './proceeding-status';
import {
	findProceedingWithEvents,
	lookupThrottled,
	proceedingIdByNumber,
	type ProceedingWithEvents
} from './proceedings.repository';

/** What the person can do next; each points at the page that does it (booking, checklist, hotline). */
export type NextStep =
	| { kind: 'book'; service: 'biometrics' | 'card-pickup' }
	| { kind: 'documents' }
	| { kind: 'inaction' }
	| { kind: 'call' };

export interface ProceedingView {
	/** Canonical written form, e.g. `OAM-51727-4/DP-2025`. */
	number: string;
	typeCode: string;
	status: ProceedingStatus;
	nextSteps: NextStep[];
}

export type LookupResult =
	| { kind: 'found'; proceeding: ProceedingView }
	| { kind: 'not_found' }
	| { kind: 'throttled'; retryAfterSeconds: number; proofRequired: boolean };

export interface LookupRequest {
	number: ProceedingNumber;
	birthDate: string;
	clientAddress: string;
	locale: string;
	now: Date;
	secret: string;
	/** The altcha payload the page's widget solved, if any (a browser with JavaScript). */
	proof?: string | null;
}

/**
 * Guessing a date of birth for a known number, or numbers for one address, is throttled:
 * about 10 failed tries an hour per address and number, and wider limits per number and per
 * address. The per-number limit is the one a stranger can fill for the person whose number it
 * is, so it is soft: past it a lookup needs a proof of work, which the page's widget solves —
 * the right date of birth still gets through, and every further guess costs the guesser work.
 */
export const LOOKUP_LIMITS = [
	{ name: 'lookup:addr+number', points: 10, durationSeconds: 3600 },
	{ name: 'lookup:number', points: 30, durationSeconds: 3600, soft: true },
	{ name: 'lookup:addr', points: 120, durationSeconds: 3600 }
];

const NEXT_STEPS: Record<Stage, NextStep[]> = {
	processing: [{ kind: 'call' }],
	suspended: [{ kind: 'documents' }, { kind: 'call' }],
	preliminary_positive: [{ kind: 'book', service: 'biometrics' }, { kind: 'call' }],
	approved: [{ kind: 'call' }],
	card_ready: [{ kind: 'book', service: 'card-pickup' }, { kind: 'call' }],
	card_collected: [],
	rejected: [{ kind: 'call' }],
	stopped: [{ kind: 'call' }]
};

/** The throttled read behind the status page: only failed attempts spend from the limits. */
async function throttledLookup(request: LookupRequest) {
	const identity = `${request.number.number}/${request.number.typeCode}/${request.number.year}`;
	const keys = {
		'lookup:addr+number': limitKey(request.secret, request.clientAddress, identity),
		'lookup:number': limitKey(request.secret, identity),
		'lookup:addr': limitKey(request.secret, request.clientAddress)
	};
	// A proof is checked only when one came (a browser with JavaScript): it is spent either way.
	const proven = request.proof
		? (await checkProof(request.proof, request.secret)) === 'valid'
		: false;
	return lookupThrottled(
		request.number,
		request.birthDate,
		LOOKUP_LIMITS.map((rule) => ({
			key: `${rule.name}:${keys[rule.name as keyof typeof keys]}`,
			max: rule.points,
			seconds: rule.durationSeconds,
			soft: rule.soft
		})),
		proven
	);
}

function toProceedingView(record: ProceedingWithEvents, now: Date): ProceedingView {
	const status = deriveStatus(record.events, record, now, getConfig().proceedingDeadlines);
	const nextSteps = [...NEXT_STEPS[status.stage]];
	if (status.clock?.late) nextSteps.unshift({ kind: 'inaction' });
	return {
		number: formatProceedingNumber({ ...record, typeCode: record.typeCode as TypeCode }),
		typeCode: record.typeCode,
		status,
		nextSteps
	};
}

/** The status of one proceeding for the person who knows its number and their date of birth. */
export async function lookupStatus(request: LookupRequest): Promise<LookupResult> {
	const outcome = await throttledLookup(request);
	// Usage events are written beside the answer, in batches (track never throws).
	if (!outcome.allowed) {
		track('status_lookup', request.locale, { outcome: 'throttled' });
		return {
			kind: 'throttled',
			retryAfterSeconds: outcome.retryAfterSeconds,
			proofRequired: outcome.proofRequired
		};
	}
	const record = outcome.proceeding;
	if (!record) {
		track('status_lookup', request.locale, { outcome: 'not_found' });
		return { kind: 'not_found' };
	}
	const proceeding = toProceedingView(record, request.now);
	track('status_lookup', request.locale, {
		outcome: 'found',
		stage: proceeding.status.stage,
		typeCode: record.typeCode
	});
	return { kind: 'found', proceeding };
}

export type VerifyResult =
	| { kind: 'found'; proceedingId: string }
	| { kind: 'not_found' }
	| { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Whether a number and date of birth match a proceeding, for a person who shares it with the
 * hotline. It answers "found or not" like the lookup, so it spends from the same limits.
 */
export async function verifyProceeding(request: LookupRequest): Promise<VerifyResult> {
	const outcome = await throttledLookup(request);
	if (!outcome.allowed) return { kind: 'throttled', retryAfterSeconds: outcome.retryAfterSeconds };
	return outcome.proceeding
		? { kind: 'found', proceedingId: outcome.proceeding.id }
		: { kind: 'not_found' };
}

/**
 * The live status of a proceeding the person already proved they know (a shared hotline
 * context). Staff reads are not guesses: nothing is throttled or counted; the caller audits.
 */
export async function proceedingStatusById(id: string, now: Date): Promise<ProceedingView | null> {
	const record = await findProceedingWithEvents(id);
	return record ? toProceedingView(record, now) : null;
}

/** A lookup refused before it reached the database (unreadable number or date). */
export function noteInvalidLookup(locale: string): void {
	track('status_lookup', locale, { outcome: 'invalid' });
}

/**
 * A proceeding's id by its number, without throttling or the date of birth: for staff services
 * that have already checked the actor (the access records), never for the public.
 */
export async function proceedingIdFor(number: ProceedingNumber): Promise<string | null> {
	return proceedingIdByNumber(number);
}
