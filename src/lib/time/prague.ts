/** All reasoning about local time happens in Europe/Prague, whatever the server's TZ. */
export const PRAGUE = 'Europe/Prague';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: PRAGUE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

export interface LocalDateTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function toPragueSlow(instant: Date): LocalDateTime {
	const p: Record<string, number> = {};
	for (const part of partsFormat.formatToParts(instant)) {
		if (part.type !== 'literal') p[part.type] = Number(part.value);
	}
	return {
		year: p.year!,
		month: p.month!,
		day: p.day!,
		hour: p.hour!,
		minute: p.minute!,
		second: p.second!
	};
}

const HOUR = 3_600_000;
/**
 * Prague's offset from UTC per UTC hour. Its changes (daylight saving) happen on whole UTC hours,
 * so the offset is constant within one; `Intl` (slow on hot paths such as every status lookup)
 * runs once per hour seen.
 */
const offsetByHour = new Map<number, number>();

function offsetMs(ms: number): number {
	const hour = Math.floor(ms / HOUR);
	let offset = offsetByHour.get(hour);
	if (offset === undefined) {
		const start = hour * HOUR;
		const l = toPragueSlow(new Date(start));
		offset = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - start;
		if (offsetByHour.size >= 50_000) offsetByHour.clear();
		offsetByHour.set(hour, offset);
	}
	return offset;
}

export function toPrague(instant: Date): LocalDateTime {
	const local = new Date(instant.getTime() + offsetMs(instant.getTime()));
	return {
		year: local.getUTCFullYear(),
		month: local.getUTCMonth() + 1,
		day: local.getUTCDate(),
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes(),
		second: local.getUTCSeconds()
	};
}

/** Minutes Prague is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function pragueOffsetMinutes(instant: Date): number {
	const l = toPrague(instant);
	const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a Prague wall-clock time. In the spring gap (02:00–03:00 does not exist) the
 * time is read with the winter offset, i.e. one hour later; in the autumn overlap the first
 * (summer-time) occurrence is chosen.
 */
export function fromPrague(year: number, month: number, day: number, hour = 0, minute = 0): Date {
	const naive = Date.UTC(year, month - 1, day, hour, minute);
	const before = pragueOffsetMinutes(new Date(naive - 3 * 3600_000));
	const after = pragueOffsetMinutes(new Date(naive + 3 * 3600_000));
	for (const offset of [Math.max(before, after), Math.min(before, after)]) {
		const candidate = new Date(naive - offset * 60_000);
		const back = toPrague(candidate);
		if (back.hour === hour && back.minute === minute && back.day === day) return candidate;
	}
	return new Date(naive - Math.min(before, after) * 60_000);
}

/** `YYYY-MM-DD` of a calendar date. */
export function isoDate(year: number, month: number, day: number): string {
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Prague calendar date (`YYYY-MM-DD`) of an instant. */
export function pragueDate(instant: Date): string {
	const p = toPrague(instant);
	return isoDate(p.year, p.month, p.day);
}

/** The calendar date `days` after the given one, with its ISO weekday (1 = Monday). */
export function addDays(
	year: number,
	month: number,
	day: number,
	days: number
): { year: number; month: number; day: number; weekday: number } {
	const d = new Date(Date.UTC(year, month - 1, day + days));
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		weekday: ((d.getUTCDay() + 6) % 7) + 1
	};
}

/** Parses `HH:MM` (00:00–24:00). */
export function parseClock(value: string): { hour: number; minute: number } {
	const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
	if (!m) throw new Error(`Not a time of day: ${value}`);
	return { hour: Number(m[1]), minute: Number(m[2]) };
}
