import Holidays from 'date-holidays';

const holidayCache = new Map<number, Set<string>>();

/** Czech public holidays (state holidays and other public days off) of a year, as ISO dates. */
export function czechPublicHolidays(year: number): Set<string> {
	let set = holidayCache.get(year);
	if (!set) {
		const holidays = new Holidays('CZ').getHolidays(year) || [];
		set = new Set(holidays.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
		holidayCache.set(year, set);
	}
	return set;
}
