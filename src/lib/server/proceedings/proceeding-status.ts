import { toPrague } from '../../time/prague';
import type { EventKind } from './proceeding-number';
import {
	DAYS_AFTER_RESUMPTION,
	DEFAULT_DEADLINE_RULES,
	ruleFor,
	type DeadlineRule
} from './legal-deadlines';

export interface ProceedingEvent {
	kind: EventKind;
	occurredAt: Date;
	details: Record<string, string> | null;
}

/** Where the proceeding stands, as the person needs to know it. */
export type Stage =
	| 'processing'
	| 'suspended'
	| 'preliminary_positive'
	| 'approved'
	| 'card_ready'
	| 'card_collected'
	| 'rejected'
	| 'stopped';

export interface DeadlineClock {
	/**
	 * The days the law gives the office for this kind of proceeding (legal-deadlines.ts, § 169t of
	 * Act 326/1999 Coll.), the complex-case limit when the feed marks the case complex; null when no
	 * limit is known for the type code (then the office is never called late).
	 */
	limitDays: number | null;
	/** Where the due date comes from: the law's table, the office's own deadline in the feed, or none. */
	basis: 'law' | 'office' | 'none';
	/** The rule applied, for the page's note and the agent console. */
	legalReference: string | null;
	sourceUrl: string | null;
	/** Days the office has used: calendar days since filing, minus days suspended. */
	day: number;
	state: 'running' | 'paused' | 'finished';
	/** Running and past the due date: the person may ask for measures against inaction (§80 of Act 500/2004 Coll.). */
	late: boolean;
	/**
	 * While running: the last day of the period (YYYY-MM-DD, Prague): the office's own deadline
	 * when the feed carries one, else filing + limit + days suspended, and never earlier than 15
	 * days after the last suspension ended.
	 */
	dueDate: string | null;
	pausedDays: number;
}

export interface ProceedingStatus {
	stage: Stage;
	filedOn: string | null;
	/** The deadline for documents the office asked for, while suspended (YYYY-MM-DD). */
	documentsDueDate: string | null;
	clock: DeadlineClock | null;
	timeline: { kind: EventKind; on: string }[];
}

/** Within a day, the order in which events logically happen. */
const ORDER: Record<EventKind, number> = {
	filed: 0,
	suspended: 1,
	resumed: 2,
	preliminary_positive: 3,
	biometrics_taken: 4,
	approved: 5,
	rejected: 5,
	stopped: 5,
	card_ready: 6,
	card_collected: 7
};

export const DECISIONS: EventKind[] = ['approved', 'rejected', 'stopped'];

/** Days since 1970 of the Prague calendar date of an instant: DST never shifts a day. */
function pragueDayNumber(instant: Date): number {
	const l = toPrague(instant);
	return Math.round(Date.UTC(l.year, l.month - 1, l.day) / 86_400_000);
}

function isoOfDayNumber(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The status, derived from dated events (never stored): events may arrive late or out of order,
 * so they are sorted by when they happened, and duplicates of a kind on the same moment collapse.
 */
export function deriveStatus(
	events: ProceedingEvent[],
	proceeding: { typeCode: string; complex: boolean },
	now: Date,
	rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES
): ProceedingStatus {
	const sorted = [...events].sort(
		(a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || ORDER[a.kind] - ORDER[b.kind]
	);
	let stage: Stage = 'processing';
	let filedDay: number | null = null;
	let suspendedSince: number | null = null;
	let documentsDueDate: string | null = null;
	let pausedDays = 0;
	let decidedDay: number | null = null;
	let lastResumedDay: number | null = null;
	/** `details.deadline` on a suspension is the documents deadline; on any other event, the office's own. */
	let officeDeadline: string | null = null;
	let purpose: string | null = null;

	for (const event of sorted) {
		if (event.details?.purpose) purpose = event.details.purpose;
		if (event.kind !== 'suspended' && event.details?.deadline) {
			officeDeadline = event.details.deadline;
		}
		const day = pragueDayNumber(event.occurredAt);
		if (
			decidedDay !== null &&
			!['card_ready', 'card_collected', 'biometrics_taken'].includes(event.kind)
		) {
			continue; // Nothing reopens a decided first-instance proceeding here.
		}
		switch (event.kind) {
			case 'filed':
				filedDay ??= day;
				break;
			case 'suspended':
				if (suspendedSince === null) {
					suspendedSince = day;
					stage = 'suspended';
					documentsDueDate = event.details?.deadline ?? null;
				}
				break;
			case 'resumed':
				if (suspendedSince !== null) {
					pausedDays += day - suspendedSince;
					suspendedSince = null;
					documentsDueDate = null;
					lastResumedDay = day;
					stage = 'processing';
				}
				break;
			case 'preliminary_positive':
				if (suspendedSince === null) stage = 'preliminary_positive';
				break;
			case 'biometrics_taken':
				break;
			case 'card_ready':
				if (decidedDay !== null && stage === 'approved') stage = 'card_ready';
				break;
			case 'card_collected':
				if (decidedDay !== null && (stage === 'approved' || stage === 'card_ready'))
					stage = 'card_collected';
				break;
			default:
				if (DECISIONS.includes(event.kind)) {
					if (suspendedSince !== null) {
						pausedDays += day - suspendedSince;
						suspendedSince = null;
						documentsDueDate = null;
					}
					decidedDay = day;
					stage = event.kind as Stage;
				}
		}
	}

	const today = pragueDayNumber(now);
	let clock: DeadlineClock | null = null;
	if (filedDay !== null) {
		const rule = ruleFor(proceeding.typeCode, purpose, rules);
		const limitDays = (proceeding.complex ? (rule?.complexDays ?? rule?.days) : rule?.days) ?? null;
		const end = decidedDay ?? today;
		const currentPause = suspendedSince !== null ? end - suspendedSince : 0;
		const totalPaused = pausedDays + currentPause;
		const day = Math.max(0, end - filedDay - totalPaused);
		const state = decidedDay !== null ? 'finished' : suspendedSince !== null ? 'paused' : 'running';
		let basis: DeadlineClock['basis'] = 'none';
		let dueDay: number | null = null;
		if (officeDeadline !== null) {
			basis = 'office';
			dueDay = Math.round(Date.parse(`${officeDeadline}T00:00:00Z`) / 86_400_000);
		} else if (limitDays !== null) {
			basis = 'law';
			dueDay = filedDay + limitDays + totalPaused;
			if (lastResumedDay !== null) {
				dueDay = Math.max(dueDay, lastResumedDay + DAYS_AFTER_RESUMPTION);
			}
		}
		clock = {
			limitDays,
			basis,
			legalReference: basis === 'law' ? (rule?.legalReference ?? null) : null,
			sourceUrl: basis === 'law' ? (rule?.sourceUrl ?? null) : null,
			day,
			state,
			late: state === 'running' && dueDay !== null && today > dueDay,
			dueDate: state === 'running' && dueDay !== null ? isoOfDayNumber(dueDay) : null,
			pausedDays: totalPaused
		};
	}

	return {
		stage,
		filedOn: filedDay === null ? null : isoOfDayNumber(filedDay),
		documentsDueDate,
		clock,
		timeline: sorted.map((e) => ({
			kind: e.kind,
			on: isoOfDayNumber(pragueDayNumber(e.occurredAt))
		}))
	};
}
