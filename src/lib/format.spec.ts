import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatDateTime } from './format';

// Wednesday 25 November 2026; 9:00 in Prague is 8:00 UTC.
const WEDNESDAY: Record<string, string> = {
	cs: 'středa',
	uk: 'середа',
	en: 'Wednesday',
	ru: 'среда',
	vi: 'Thứ Tư'
};

describe('formatDate and formatDateTime', () => {
	for (const [locale, wednesday] of Object.entries(WEDNESDAY)) {
		it(`${locale}: the weekday only where asked for, the same date either way`, () => {
			const plain = formatDate('2026-11-25', locale);
			const named = formatDate('2026-11-25', locale, { weekday: true });
			expect(plain).toContain('25');
			expect(plain).not.toContain(wednesday);
			expect(named).toContain(wednesday);
			expect(named).toContain('25');
			const at = new Date('2026-11-25T08:00:00Z');
			expect(formatDateTime(at, locale, { weekday: true })).toContain(wednesday);
			expect(formatDateTime(at, locale)).not.toContain(wednesday);
			expect(formatDateTime(at, locale, { timeOnly: true })).toMatch(/9[:.]00/);
		});
	}

	it('vi: the time, then the date after "ngày", not ICU\'s time run into the date', () => {
		const at = new Date('2026-11-25T08:00:00Z');
		expect(formatDateTime(at, 'vi')).toBe('09:00 ngày 25 tháng 11, 2026');
		expect(formatDateTime(at, 'vi', { weekday: true })).toBe(
			'09:00 Thứ Tư, ngày 25 tháng 11, 2026'
		);
	});
});

describe('formatDateRange', () => {
	// ICU puts narrow no-break spaces in some places ("2026\u202fр."): compared as plain spaces.
	const range = (from: string, to: string, locale: string) =>
		formatDateRange(from, to, locale).replace(/\s/g, ' ');

	it('names one day once, not as a range from it to itself', () => {
		expect(range('2026-12-07', '2026-12-07', 'uk')).toBe('7 грудня 2026 р.');
		expect(range('2026-12-07', '2026-12-07', 'vi')).toBe('7 tháng 12, 2026');
	});

	it('writes a span in one month with its month and year once', () => {
		expect(range('2026-12-07', '2026-12-11', 'uk')).toBe('7–11 грудня 2026 р.');
		expect(range('2026-12-07', '2027-01-08', 'ru')).toBe('7 декабря 2026 г. – 8 января 2027 г.');
	});
});
