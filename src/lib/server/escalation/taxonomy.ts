// Fixed lists the agents choose from (issue "Hotline escalation and the agent console"): the
// yearly report counts by them, so they are closed, and free text never reaches the statistics.

export const TOPICS = [
	'residence_permit',
	'employee_card',
	'biometrics',
	'booking',
	'documents',
	'fees',
	'status_delay',
	'temporary_protection',
	'family',
	'other'
] as const;
export type Topic = (typeof TOPICS)[number];

export const OUTCOMES = ['answered', 'booked', 'callback_needed', 'referred', 'no_answer'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Signs of a problem the centre must see across calls. */
export const FLAGS = [
	'intermediary_or_scam',
	'exploitation',
	'misinformation',
	'system_fault'
] as const;
export type Flag = (typeof FLAGS)[number];

export const CHANNELS = ['call', 'callback'] as const;
export type EscalationChannel = (typeof CHANNELS)[number];

/** One try at calling a person back. */
export const ATTEMPT_RESULTS = ['reached', 'no_answer', 'wrong_number'] as const;
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

/** How a callback request left the queue. */
export const CALLBACK_OUTCOMES = ['completed', 'unreachable', 'wrong_number', 'withdrawn'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** The area of the site a context was shared from, for anonymous counts (never the path itself). */
export const PAGE_AREAS = [
	'home',
	'status',
	'checklists',
	'book',
	'booking',
	'help',
	'my',
	'other'
] as const;
export type PageArea = (typeof PAGE_AREAS)[number];

export const inList = <T extends string>(list: readonly T[], value: string): value is T =>
	(list as readonly string[]).includes(value);
