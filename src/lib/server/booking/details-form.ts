// The details step of booking: validated at the edge into typed values, every field its own
// error code (translated on the page), the person's input kept.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isNationality } from '../../countries';
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
	'name' | 'nationality' | 'document' | 'email' | 'phone' | 'proceeding' | 'age' | BirthDateError;

export type DetailsField =
	'fullName' | 'birth' | 'nationality' | 'documentNumber' | 'email' | 'phone' | 'proceeding';

export type DetailsResult =
	| { ok: true; details: BookingDetails }
	| { ok: false; errors: { field: DetailsField; code: DetailsErrorCode }[] };

/** Bookable for people aged 15 or over; a guardian books for a younger child (DOMAIN.md). */
export const MIN_AGE = 15;

export function validateDetails(
	values: DetailsValues,
	needsProceeding: boolean,
	today: string
): DetailsResult {
	const errors: { field: DetailsField; code: DetailsErrorCode }[] = [];
	const fullName = values.fullName.trim().replace(/\s+/g, ' ');
	if (fullName.length < 2 || fullName.length > 120 || /\d/.test(fullName)) {
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
