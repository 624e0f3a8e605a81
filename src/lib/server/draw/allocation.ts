// Giving a release's seats in drawn order (issue 13): each entrant the earliest free seat among
// the times that suit them; entrants the booking rules refuse are skipped with the reason; the
// rest wait, in the same order. Pure: the draw's transaction feeds it and writes what it returns.
import { toPrague } from '../../time/prague';
import type { DrawMatch, DrawOutcome, DrawPreferences } from './draw.schema';

export interface SeatPool {
	slotId: number;
	startsAt: Date;
	seats: number;
}

export interface Entrant {
	id: string;
	personKey: string;
	preferences: DrawPreferences;
}

export type Refusal = Exclude<DrawOutcome, 'won' | 'waitlisted'>;

export interface Allocation {
	entryId: string;
	/** 1-based place in the drawn order. */
	position: number;
	outcome: DrawOutcome;
	slotId: number | null;
	/** For a seat given: which of the entrant's wishes it met (the staff's result). */
	matched: DrawMatch | null;
}

/**
 * A seat is only given where it suits every wish, so it met all the entrant stated: the days,
 * the part of the day, both, or they took any time.
 */
export function matchOf(preferences: DrawPreferences): DrawMatch {
	const days = preferences.weekdays.length > 0;
	const part = preferences.parts.length > 0;
	return days && part ? 'weekday_part' : days ? 'weekday' : part ? 'part' : 'any';
}

/** A time as the wishes see it: ISO weekday (1 = Monday … 7 = Sunday) and part of the day in Prague. */
function wallClock(startsAt: Date): { weekday: number; part: 'morning' | 'afternoon' } {
	const local = toPrague(startsAt);
	const weekday =
		((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1;
	return { weekday, part: local.hour < 12 ? 'morning' : 'afternoon' };
}

function fits(preferences: DrawPreferences, at: ReturnType<typeof wallClock>): boolean {
	if (preferences.weekdays.length > 0 && !preferences.weekdays.includes(at.weekday)) return false;
	return preferences.parts.length === 0 || preferences.parts.includes(at.part);
}

/** Whether a time suits these preferences: weekday (ISO) and part of the day in Prague. */
export function suits(preferences: DrawPreferences, startsAt: Date): boolean {
	return fits(preferences, wallClock(startsAt));
}

/**
 * `ordered` is the drawn order; `refused` tells which people the booking rules refuse now.
 * Seats are taken earliest first; nobody gets more than one.
 */
export function allocate(
	ordered: readonly Entrant[],
	pool: readonly SeatPool[],
	refused: ReadonlyMap<string, Refusal>
): Allocation[] {
	// Each time's weekday and part of the day once, not once per entrant and time.
	const left = [...pool]
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.slotId - b.slotId)
		.map((s) => ({ ...s, at: wallClock(s.startsAt) }));
	let free = left.reduce((sum, s) => sum + s.seats, 0);
	return ordered.map((entrant, i) => {
		const position = i + 1;
		const refusal = refused.get(entrant.personKey);
		const none = { entryId: entrant.id, position, slotId: null, matched: null };
		if (refusal) return { ...none, outcome: refusal };
		const seat =
			free > 0 ? left.find((s) => s.seats > 0 && fits(entrant.preferences, s.at)) : undefined;
		if (!seat) return { ...none, outcome: 'waitlisted' };
		seat.seats--;
		free--;
		return {
			entryId: entrant.id,
			position,
			outcome: 'won',
			slotId: seat.slotId,
			matched: matchOf(entrant.preferences)
		};
	});
}
