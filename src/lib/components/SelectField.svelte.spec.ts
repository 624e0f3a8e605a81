import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SelectField from './SelectField.svelte';

const options = [
	{ code: '1', name: 'Registration' },
	{ code: '2', name: 'Biometrics' }
];

describe('SelectField', () => {
	it('with a placeholder: an empty first choice, chosen until a value is given', () => {
		const { body } = render(SelectField, {
			props: { id: 'nationality', label: 'Nationality', placeholder: 'Choose…', options, value: '' }
		});
		expect(body).toMatch(/<option value="" selected[^>]*>Choose…<\/option>/);
	});

	it('without one: only the options, the given value chosen (a staff form’s action)', () => {
		const { body } = render(SelectField, {
			props: { id: 'serviceId', label: 'Action', options, value: '2' }
		});
		expect(body).not.toContain('<option value=""');
		expect(body).toMatch(/<option value="2" selected[^>]*>Biometrics<\/option>/);
		expect(body).not.toContain('aria-invalid');
	});

	it('an error: marked on the field, by the select, and named by aria-describedby', () => {
		const { body } = render(SelectField, {
			props: { id: 'serviceId', label: 'Action', options, value: '', error: 'Choose an action.' }
		});
		expect(body).toContain('field--error');
		expect(body).toContain('<p class="field__error" id="serviceId-error">Choose an action.</p>');
		expect(body).toMatch(/<select[^>]*aria-invalid="true"[^>]*aria-describedby="serviceId-error"/);
	});
});
