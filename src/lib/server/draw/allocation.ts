// Giving a release's seats in drawn order (issue 13): each entrant the earliest free seat among
// the times that suit them; entrants the booking rules refuse are skipped with the reason; the
// rest wait, in the same order. Pure: the draw's transaction feeds it and writes what it returns.
import { toPrague } from '../../time/prague';
import type { DrawOutcome, DrawPreferences } from './draw.schema';

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
}

/** Whether a time suits these preferences: weekday (ISO) and part of the day in Prague. */
export function suits(preferences: DrawPreferences, startsAt: Date): boolean {
	const local = toPrague(startsAt);
	// ISO weekday of the Prague date (1 = Monday … 7 = Sunday).
	const weekday =
		((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1;
	if (preferences.weekdays.length > 0 && !preferences.weekdays.includes(weekday)) return false;
	const part = local.hour < 12 ? 'morning' : 'afternoon';
	return preferences.parts.length === 0 || preferences.parts.includes(part);
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
	const left = [...pool]
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.slotId - b.slotId)
		.map((s) => ({ ...s }));
	return ordered.map((entrant, i) => {
		const position = i + 1;
		const refusal = refused.get(entrant.personKey);
		if (refusal) return { entryId: entrant.id, position, outcome: refusal, slotId: null };
		const seat = left.find((s) => s.seats > 0 && suits(entrant.preferences, s.startsAt));
		if (!seat) return { entryId: entrant.id, position, outcome: 'waitlisted', slotId: null };
		seat.seats--;
		return { entryId: entrant.id, position, outcome: 'won', slotId: seat.slotId };
	});
}
