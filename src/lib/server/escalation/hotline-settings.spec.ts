import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_HOURS, DEFAULT_HOTLINE_LINES } from '../config';
import {
	NO_HOURS,
	parseDayHours,
	settingsInput,
	validateHotlineSettings,
	type HotlineLineInput,
	type HotlineSettingsInput
} from './hotline-settings';

const line = (over: Partial<HotlineLineInput> = {}): HotlineLineInput => ({
	id: '',
	number: '974 801 801',
	languages: ['cs', 'en'],
	remove: false,
	hours: { ...NO_HOURS },
	...over
});

const closed = { '1': '', '2': '', '3': '', '4': '', '5': '', '6': '', '7': '' };
const input = (over: Partial<HotlineSettingsInput> = {}): HotlineSettingsInput => ({
	lines: [line()],
	hours: { ...closed, '1': '08:00–16:00' },
	...over
});

describe('weekly hours as typed', () => {
	it('reads zero or more intervals, normalised and sorted by start', () => {
		expect(parseDayHours('')).toEqual({ ok: true, intervals: [] });
		expect(parseDayHours('  ')).toEqual({ ok: true, intervals: [] });
		expect(parseDayHours('8:00-12:00')).toEqual({ ok: true, intervals: [['08:00', '12:00']] });
		expect(parseDayHours('13:00 – 16:30; 08:00—12:00')).toEqual({
			ok: true,
			intervals: [
				['08:00', '12:00'],
				['13:00', '16:30']
			]
		});
		// Back to back is not an overlap; midnight may end a day.
		expect(parseDayHours('08:00–12:00, 12:00–24:00')).toEqual({
			ok: true,
			intervals: [
				['08:00', '12:00'],
				['12:00', '24:00']
			]
		});
	});

	it('refuses what is not HH:MM–HH:MM', () => {
		for (const typed of [
			'8–16',
			'08:00',
			'08:00–16:00–17:00',
			'25:00–26:00',
			'08:60–09:00',
			'noon'
		]) {
			expect(parseDayHours(typed), typed).toEqual({ ok: false, error: 'hours_invalid' });
		}
		expect(parseDayHours('24:00–24:00')).toEqual({ ok: false, error: 'hours_invalid' });
	});

	it('refuses an interval that ends before it starts, and overlapping intervals', () => {
		expect(parseDayHours('16:00–08:00')).toEqual({ ok: false, error: 'hours_order' });
		expect(parseDayHours('08:00–08:00')).toEqual({ ok: false, error: 'hours_order' });
		expect(parseDayHours('08:00–12:00, 11:30–16:00')).toEqual({
			ok: false,
			error: 'hours_overlap'
		});
		expect(parseDayHours('10:00–11:00, 08:00–16:00')).toEqual({
			ok: false,
			error: 'hours_overlap'
		});
	});
});

describe('hotline settings form', () => {
	it('normalises numbers to E.164: Czech without a prefix, foreign with +', () => {
		const result = validateHotlineSettings(
			input({
				lines: [
					line({ id: 'main', number: '974 801 801' }),
					line({ number: '+380 67 123 4567', languages: ['uk', 'xx'] }),
					line({ number: '00 84 912 345 678', languages: ['vi'] })
				]
			})
		);
		expect(result).toEqual({
			ok: true,
			config: {
				lines: [
					{ id: 'main', number: '+420974801801', languages: ['cs', 'en'] },
					{ id: 'line-1', number: '+380671234567', languages: ['uk'] },
					{ id: 'line-2', number: '+84912345678', languages: ['vi'] }
				],
				hours: { '1': [['08:00', '16:00']] }
			}
		});
	});

	it('reports every problem by its field', () => {
		const result = validateHotlineSettings(
			input({
				lines: [
					line({ id: 'main', number: '' }),
					line({ number: '067 123 4567' }), // a Ukrainian number without +: not Czech
					line({ number: '+420 974 801 801', languages: [] }),
					line({ number: '974801801', languages: ['ru'] })
				],
				hours: { ...closed, '1': '08:00–16:00', '5': '12:00–08:00', '6': 'Sat' }
			})
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{ field: 'line-0-number', code: 'number_empty' },
				{ field: 'line-1-number', code: 'number_invalid' },
				{ field: 'line-2-languages', code: 'languages_none' },
				{ field: 'line-3-number', code: 'number_duplicate' },
				{ field: 'hours-5', code: 'hours_order' },
				{ field: 'hours-6', code: 'hours_invalid' }
			]
		});
	});

	it('ignores the blank new row and removed lines, but keeps at least one line', () => {
		const kept = validateHotlineSettings(
			input({ lines: [line({ id: 'main' }), line({ id: 'old', remove: true, number: 'x' })] })
		);
		expect(kept.ok && kept.config.lines.map((l) => l.id)).toEqual(['main']);
		expect(
			validateHotlineSettings(
				input({ lines: [line({ id: 'main', remove: true }), line({ number: '', languages: [] })] })
			)
		).toEqual({ ok: false, errors: [{ field: 'lines', code: 'lines_none' }] });
	});

	it('round-trips the configured defaults', () => {
		const config = { lines: DEFAULT_HOTLINE_LINES, hours: DEFAULT_HOTLINE_HOURS };
		const typed = settingsInput(config);
		expect(typed.lines[0]!.number).toBe('+420 974 801 801');
		expect(typed.hours['5']).toBe('08:00–12:00');
		expect(typed.hours['6']).toBe('');
		expect(validateHotlineSettings(typed)).toEqual({ ok: true, config });
	});
});

describe('a line’s own hours', () => {
	it('are kept when typed, left out when every day is empty, refused by their field when wrong', () => {
		const ukrainian = line({
			number: '974 801 802',
			languages: ['uk'],
			hours: { ...NO_HOURS, '5': '9:00–16:00', '6': '09:00-12:00' }
		});
		const result = validateHotlineSettings(input({ lines: [line(), ukrainian] }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.config.lines[0]!.hours).toBeUndefined();
		expect(result.config.lines[1]!.hours).toEqual({
			'5': [['09:00', '16:00']],
			'6': [['09:00', '12:00']]
		});
		// Shown again as typed in the form.
		expect(settingsInput(result.config).lines[1]!.hours['5']).toBe('09:00–16:00');
		expect(settingsInput(result.config).lines[0]!.hours).toEqual(NO_HOURS);

		const wrong = line({ hours: { ...NO_HOURS, '5': '16:00–09:00', '7': 'Sunday' } });
		expect(
			validateHotlineSettings(input({ lines: [line({ number: '974 801 803' }), wrong] }))
		).toEqual({
			ok: false,
			errors: [
				{ field: 'line-1-hours-5', code: 'hours_order' },
				{ field: 'line-1-hours-7', code: 'hours_invalid' }
			]
		});
	});

	it('a new row with only hours typed is a line to check, not a blank row', () => {
		const onlyHours = line({
			number: '',
			languages: [],
			hours: { ...NO_HOURS, '1': '08:00–10:00' }
		});
		const result = validateHotlineSettings(input({ lines: [line(), onlyHours] }));
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.errors.map((e) => e.field)).toEqual(['line-1-number', 'line-1-languages']);
	});
});
