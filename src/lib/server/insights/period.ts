// The period an analyst looks at: a year, a quarter, a month or custom dates (Prague days).
import { pragueDate } from '../../time/prague';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';

export interface Period {
	kind: PeriodKind;
	/** First and last day, inclusive (YYYY-MM-DD). */
	from: string;
	to: string;
	/** For the picker: the values that chose it. */
	year: number;
	quarter: number;
	month: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day `days` after an ISO day. */
export function shiftDay(day: string, days: number): string {
	const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const lastOfMonth = (year: number, month: number) =>
	new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

export function validDay(value: string): boolean {
	const m = ISO_DAY.exec(value);
	if (!m) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function yearPeriod(year: number): Period {
	return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31`, year, quarter: 1, month: 1 };
}

/**
 * Reads the picker from the query string; anything missing or invalid falls back to the year
 * of `now` (custom ranges are limited to 3 years and put in order).
 */
export function periodFromQuery(params: URLSearchParams, now: Date): Period {
	const today = pragueDate(now);
	const thisYear = Number(today.slice(0, 4));
	const int = (name: string, min: number, max: number, fallback: number) => {
		const n = Number(params.get(name));
		return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
	};
	const year = int('year', 2000, thisYear + 1, thisYear);
	const quarter = int('quarter', 1, 4, Math.ceil(Number(today.slice(5, 7)) / 3));
	const month = int('month', 1, 12, Number(today.slice(5, 7)));
	const kind = params.get('period');
	if (kind === 'quarter') {
		const first = (quarter - 1) * 3 + 1;
		return {
			kind,
			from: `${year}-${pad(first)}-01`,
			to: lastOfMonth(year, first + 2),
			year,
			quarter,
			month
		};
	}
	if (kind === 'month') {
		return {
			kind,
			from: `${year}-${pad(month)}-01`,
			to: lastOfMonth(year, month),
			year,
			quarter,
			month
		};
	}
	if (kind === 'custom') {
		let from = params.get('from') ?? '';
		let to = params.get('to') ?? '';
		if (validDay(from) && validDay(to)) {
			if (from > to) [from, to] = [to, from];
			if (shiftDay(from, 3 * 366) < to) from = shiftDay(to, -3 * 366);
			return { kind, from, to, year, quarter, month };
		}
	}
	return { ...yearPeriod(year), quarter, month };
}

/** The same span one year earlier (for the comparisons). */
export function previousYearOf(period: Period): Period {
	const back = (day: string) =>
		`${Number(day.slice(0, 4)) - 1}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
	return { ...period, from: back(period.from), to: back(period.to), year: period.year - 1 };
}
