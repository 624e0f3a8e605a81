import { describe, expect, it } from 'vitest';
import { validateDetails, type DetailsValues } from './details-form';

const TODAY = '2026-11-24';
const values = (over: Partial<DetailsValues> = {}): DetailsValues => ({
	fullName: ' Nguyễn  Văn An ',
	day: '2',
	month: '9',
	year: '1994',
	nationality: 'vn',
	documentNumber: 'c 1234567',
	email: 'an@example.com',
	phone: '',
	proceeding: '',
	...over
});

describe('booking details', () => {
	it('turns what people type into clean values', () => {
		expect(validateDetails(values({ phone: '777 123 456' }), false, TODAY)).toEqual({
			ok: true,
			details: {
				fullName: 'Nguyễn Văn An',
				birthDate: '1994-09-02',
				nationality: 'VN',
				documentNumber: 'C 1234567',
				email: 'an@example.com',
				phone: '+420777123456',
				proceedingNumber: null
			}
		});
		const foreign = validateDetails(values({ phone: '+380 67 123 4567' }), false, TODAY);
		expect(foreign.ok && foreign.details.phone).toBe('+380671234567');
	});

	it('needs a proceeding number only for actions that need one, and normalises it', () => {
		const missing = validateDetails(values(), true, TODAY);
		expect(missing).toEqual({ ok: false, errors: [{ field: 'proceeding', code: 'proceeding' }] });
		const given = validateDetails(values({ proceeding: 'oam 51727-4 dp 2025' }), true, TODAY);
		expect(given.ok && given.details.proceedingNumber).toBe('OAM-51727-4/DP-2025');
	});

	it('gives every wrong field its own error', () => {
		const result = validateDetails(
			{
				fullName: '1',
				day: '31',
				month: '2',
				year: '1990',
				nationality: 'Ukraine',
				documentNumber: '!',
				email: 'x',
				phone: '12',
				proceeding: ''
			},
			false,
			TODAY
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
			'fullName:name',
			'birth:birth_invalid',
			'nationality:nationality',
			'documentNumber:document',
			'email:email',
			'phone:phone'
		]);
	});

	it('refuses children under 15, from the day they would turn 15', () => {
		expect(validateDetails(values({ day: '25', month: '11', year: '2011' }), false, TODAY)).toEqual(
			{
				ok: false,
				errors: [{ field: 'birth', code: 'age' }]
			}
		);
		expect(validateDetails(values({ day: '24', month: '11', year: '2011' }), false, TODAY).ok).toBe(
			true
		);
	});
});
