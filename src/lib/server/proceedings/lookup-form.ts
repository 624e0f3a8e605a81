import * as v from 'valibot';
import { CONTROL_CODE, parseForm, text } from '../http/form';
import {
	parseProceedingNumber,
	type ProceedingNumber,
	type ProceedingNumberError
} from './proceeding-number';

export type BirthDateError = 'birth_empty' | 'birth_invalid' | 'birth_future' | 'birth_too_old';

export interface LookupFormValues {
	number: string;
	day: string;
	month: string;
	year: string;
}

export type LookupFormResult =
	| { ok: true; number: ProceedingNumber; birthDate: string }
	| {
			ok: false;
			errors: {
				number?: { code: ProceedingNumberError | typeof CONTROL_CODE; detail?: string };
				birthDate?: { code: BirthDateError | typeof CONTROL_CODE };
			};
	  };

/** The lookup form's fields (the status page and the alert sign-up's hidden copies). */
export const lookupFormSchema = v.object({
	number: text(100),
	day: text(100),
	month: text(100),
	year: text(100)
});

/** Reads the lookup form and validates it: control characters first, then the number and date. */
export function readLookupForm(
	form: FormData,
	now: Date
): { values: LookupFormValues; result: LookupFormResult } {
	const read = parseForm(lookupFormSchema, form);
	if (read.ok) return { values: read.values, result: validateLookupForm(read.data, now) };
	const control = { code: CONTROL_CODE };
	return {
		values: read.values,
		result: {
			ok: false,
			errors: {
				...(read.errors.some((e) => e.field === 'number') ? { number: control } : {}),
				...(read.errors.some((e) => e.field !== 'number') ? { birthDate: control } : {})
			}
		}
	};
}

const field = (value: string) => value.trim().replace(/^0+(?=\d)/, '');

/** The date of birth from three fields (GOV.UK pattern): a real calendar date, in the past, after 1900. */
export function parseBirthDate(
	day: string,
	month: string,
	year: string,
	today: string
): { ok: true; value: string } | { ok: false; code: BirthDateError } {
	const [d, m, y] = [field(day), field(month), field(year)];
	if (!d && !m && !y) return { ok: false, code: 'birth_empty' };
	if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
		return { ok: false, code: 'birth_invalid' };
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	if (
		date.getUTCFullYear() !== Number(y) ||
		date.getUTCMonth() !== Number(m) - 1 ||
		date.getUTCDate() !== Number(d)
	) {
		return { ok: false, code: 'birth_invalid' };
	}
	const iso = date.toISOString().slice(0, 10);
	if (iso > today) return { ok: false, code: 'birth_future' };
	if (Number(y) < 1900) return { ok: false, code: 'birth_too_old' };
	return { ok: true, value: iso };
}

/** Validates the lookup form; every field gets its own error so the summary can list them all. */
export function validateLookupForm(values: LookupFormValues, now: Date): LookupFormResult {
	const today = now.toISOString().slice(0, 10);
	const number = parseProceedingNumber(values.number, now.getUTCFullYear());
	const birth = parseBirthDate(values.day, values.month, values.year, today);
	if (number.ok && birth.ok) return { ok: true, number: number.value, birthDate: birth.value };
	return {
		ok: false,
		errors: {
			...(number.ok ? {} : { number: { code: number.error, detail: number.detail } }),
			...(birth.ok ? {} : { birthDate: { code: birth.code } })
		}
	};
}
