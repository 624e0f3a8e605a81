import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import IdentityFields from './IdentityFields.svelte';
import { FULL_NAME_MAX } from '$lib/identity-limits';
import { validateDetails } from '$lib/server/booking/details-form';

const values = {
	fullName: '',
	day: '',
	month: '',
	year: '',
	nationality: '',
	documentNumber: '',
	email: ''
};

describe('IdentityFields', () => {
	it('the name takes no more characters than the server accepts', () => {
		const { body } = render(IdentityFields, {
			props: { values, nationalities: [{ code: 'UA', name: 'Ukraine' }], errors: [] }
		});
		expect(body).toMatch(new RegExp(`<input[^>]*id="fullName"[^>]*maxlength="${FULL_NAME_MAX}"`));
		// The same limit as the server's: one more character is refused there.
		const person = {
			...values,
			day: '1',
			month: '1',
			year: '1990',
			nationality: 'UA',
			documentNumber: 'AB1234567',
			email: 'a@example.com',
			phone: '',
			proceeding: ''
		};
		const at = (fullName: string) => validateDetails({ ...person, fullName }, false, '2026-11-24');
		expect(at('A'.repeat(FULL_NAME_MAX)).ok).toBe(true);
		expect(at('A'.repeat(FULL_NAME_MAX + 1)).ok).toBe(false);
	});
});
