// Which slots a branch's weekly rules call for over a range of days: pure, so daylight-saving
// changes and holidays are tested without a database.
import { czechPublicHolidays } from '../../time/holidays';
import { addDays, fromPrague, isoDate, parseClock, toPrague } from '../../time/prague';

export interface Rule {
	serviceId: number;
	weekday: number;
	starts: string;
	ends: string;
	slotMinutes: number;
	capacity: number;
	validFrom: string;
	validTo: string | null;
}

export interface Closure {
	fromDate: string;
	toDate: string;
}

export interface PlannedSlot {
	serviceId: number;
	startsAt: Date;
	endsAt: Date;
	capacity: number;
}

export interface Plan {
	slots: PlannedSlot[];
	/** Days a rule applied to but that were skipped, and why. */
	holidays: string[];
	closed: string[];
}

export const MAX_PLAN_DAYS = 92;

/** Whole days from `from` to `to` (`YYYY-MM-DD`), or null when either is not a real date. */
export function daysBetween(from: string, to: string): number | null {
	const a = parseDate(from);
	const b = parseDate(to);
	if (!a || !b) return null;
	return (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000;
}

/** `YYYY-MM-DD` → parts, or null. */
export function parseDate(value: string): { year: number; month: number; day: number } | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const check = new Date(Date.UTC(year, month - 1, day));
	return check.getUTCMonth() === month - 1 && check.getUTCDate() === day
		? { year, month, day }
		: null;
}

/**
 * The slots for every Prague calendar day from `from` to `to` (inclusive, at most 92 days).
 * Times are wall-clock in Europe/Prague, so an 8:00 slot is 8:00 in winter and in summer; a slot
 * never runs past its rule's end, and none starts in the hour the spring change skips.
 */
export function planSlots(rules: Rule[], closures: Closure[], from: string, to: string): Plan {
	const start = parseDate(from);
	const end = parseDate(to);
	if (!start || !end || to < from) throw new RangeError('invalid range');
	const plan: Plan = { slots: [], holidays: [], closed: [] };
	for (let k = 0; ; k++) {
		if (k >= MAX_PLAN_DAYS) throw new RangeError('range too long');
		const d = addDays(start.year, start.month, start.day, k);
		const date = isoDate(d.year, d.month, d.day);
		if (date > to) break;
		const applicable = rules.filter(
			(r) =>
				r.weekday === d.weekday && r.validFrom <= date && (r.validTo === null || date <= r.validTo)
		);
		if (applicable.length === 0) continue;
		if (czechPublicHolidays(d.year).has(date)) {
			plan.holidays.push(date);
			continue;
		}
		if (closures.some((c) => c.fromDate <= date && date <= c.toDate)) {
			plan.closed.push(date);
			continue;
		}
		for (const rule of applicable) {
			const a = parseClock(rule.starts);
			const b = parseClock(rule.ends);
			const last = b.hour * 60 + b.minute;
			for (let t = a.hour * 60 + a.minute; t + rule.slotMinutes <= last; t += rule.slotMinutes) {
				const startsAt = fromPrague(d.year, d.month, d.day, Math.floor(t / 60), t % 60);
				// 02:00–02:59 on the spring-change night does not exist in Prague: no slot then.
				if (toPrague(startsAt).hour !== Math.floor(t / 60)) continue;
				const endMinute = t + rule.slotMinutes;
				plan.slots.push({
					serviceId: rule.serviceId,
					startsAt,
					endsAt: fromPrague(d.year, d.month, d.day, Math.floor(endMinute / 60), endMinute % 60),
					capacity: rule.capacity
				});
			}
		}
	}
	// Two rules covering the same start (overlapping hours) make one slot, with the larger capacity.
	const unique = new Map<string, PlannedSlot>();
	for (const slot of plan.slots) {
		const key = `${slot.serviceId}@${slot.startsAt.getTime()}`;
		const seen = unique.get(key);
		if (!seen || seen.capacity < slot.capacity) unique.set(key, slot);
	}
	plan.slots = [...unique.values()].sort(
		(a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.serviceId - b.serviceId
	);
	return plan;
}
