// The details step of booking: validated at the edge into typed values, every field its own
// error code (translated on the page), the person's input kept.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import * as v from 'valibot';
import { CONTROL_CODE, parseForm, text, type FieldError } from '../http/form';
import { isNationality } from '../../countries';
import { FULL_NAME_MAX } from '../../identity-limits';
import { isEmailAddress } from '../mail/email-address';
import { parseBirthDate, type BirthDateError } from '../proceedings/lookup-form';
import { formatProceedingNumber, parseProceedingNumber } from '../proceedings/proceeding-number';
import type { BookingDetails } from './bookings.service';

export interface DetailsValues {
	fullName: string;
	day: string;
	month: string;
	year: string;
	nationality: string;
	documentNumber: string;
	email: string;
	phone: string;
	proceeding: string;
}

export type DetailsErrorCode =
	| 'name'
	| 'nationality'
	| 'document'
	| 'email'
	| 'phone'
	| 'proceeding'
	| 'age'
	| typeof CONTROL_CODE
	| BirthDateError;

export type DetailsField =
	'fullName' | 'birth' | 'nationality' | 'documentNumber' | 'email' | 'phone' | 'proceeding';

export type DetailsResult =
	| { ok: true; details: BookingDetails }
	| { ok: false; errors: { field: DetailsField; code: DetailsErrorCode }[] };

export const DETAILS_FORM = v.object({
	fullName: text(200),
	day: text(200),
	month: text(200),
	year: text(200),
	nationality: text(200),
	documentNumber: text(200),
	email: text(200),
	phone: text(200),
	proceeding: text(200)
});

/** Reads the details form: control characters refused by the field, then `validateDetails`. */
export function readDetailsForm(
	form: FormData,
	needsProceeding: boolean,
	today: string
): { values: DetailsValues; result: DetailsResult } {
	const read = parseForm(DETAILS_FORM, form);
	if (read.ok)
		return { values: read.values, result: validateDetails(read.data, needsProceeding, today) };
	return { values: read.values, result: { ok: false, errors: controlErrors(read.errors) } };
}

/** The details fields refused for control characters, by the field the page shows. */
export function controlErrors(errors: FieldError[]): { field: DetailsField; code: 'control' }[] {
	const fieldOf = (name: string): DetailsField =>
		name === 'day' || name === 'month' || name === 'year' ? 'birth' : (name as DetailsField);
	const mapped = errors.map((e) => ({ field: fieldOf(e.field), code: CONTROL_CODE }));
	return mapped.filter((e, i) => mapped.findIndex((o) => o.field === e.field) === i);
}

/** Bookable for people aged 15 or over; a guardian books for a younger child (DOMAIN.md). */
export const MIN_AGE = 15;

export function validateDetails(
	values: DetailsValues,
	needsProceeding: boolean,
	today: string
): DetailsResult {
	const errors: { field: DetailsField; code: DetailsErrorCode }[] = [];
	const fullName = values.fullName.trim().replace(/\s+/g, ' ');
	if (fullName.length < 2 || fullName.length > FULL_NAME_MAX || /\d/.test(fullName)) {
		errors.push({ field: 'fullName', code: 'name' });
	}
	const birth = parseBirthDate(values.day, values.month, values.year, today);
	if (!birth.ok) errors.push({ field: 'birth', code: birth.code });
	else {
		const [y, m, d] = today.split('-').map(Number);
		const fifteenth = `${String(y! - MIN_AGE).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
		if (birth.value > fifteenth) errors.push({ field: 'birth', code: 'age' });
	}
	const nationality = values.nationality.trim().toUpperCase();
	if (!isNationality(nationality)) errors.push({ field: 'nationality', code: 'nationality' });
	const documentNumber = values.documentNumber.trim().toUpperCase().replace(/\s+/g, ' ');
	if (!/^[A-Z0-9][A-Z0-9 -]{3,19}$/.test(documentNumber)) {
		errors.push({ field: 'documentNumber', code: 'document' });
	}
	const email = values.email.trim();
	if (!isEmailAddress(email)) {
		errors.push({ field: 'email', code: 'email' });
	}
	let phone: string | null = null;
	if (values.phone.trim()) {
		const parsed = parsePhoneNumberFromString(values.phone.trim(), 'CZ');
		if (parsed?.isValid()) phone = parsed.number;
		else errors.push({ field: 'phone', code: 'phone' });
	}
	let proceedingNumber: string | null = null;
	if (needsProceeding || values.proceeding.trim()) {
		const parsed = parseProceedingNumber(values.proceeding, Number(today.slice(0, 4)));
		if (parsed.ok) proceedingNumber = formatProceedingNumber(parsed.value);
		else errors.push({ field: 'proceeding', code: 'proceeding' });
	}
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		details: {
			fullName,
			birthDate: (birth as { value: string }).value,
			nationality,
			documentNumber,
			email,
			phone,
			proceedingNumber
		}
	};
}
