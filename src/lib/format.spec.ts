import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

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
