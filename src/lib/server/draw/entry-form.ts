// The entry form of a draw, validated at the edge: the identity and details as for a booking
// (details-form.ts), the language of the messages and which times suit (at least one choice).
import { isLocale } from '../../paraglide/runtime';
import { isEmailAddress } from '../mail/email-address';
import { formText } from '../http/form';
import {
	validateDetails,
	type DetailsErrorCode,
	type DetailsValues
} from '../booking/details-form';
import type { DrawPreferences } from './draw.schema';
import type { EntryValues } from './releases.service';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const PARTS = ['morning', 'afternoon'] as const;

export type EntryErrorCode = DetailsErrorCode | 'times';

export interface EntryFormValues extends Record<string, string | string[]> {
	weekday: string[];
	part: string[];
	any: string;
	language: string;
}

export type EntryFormResult<T> =
	| { ok: true; value: T; values: EntryFormValues }
	| { ok: false; values: EntryFormValues; errors: { field: string; code: EntryErrorCode }[] };

const IDENTITY = [
	'fullName',
	'day',
	'month',
	'year',
	'nationality',
	'documentNumber',
	'email',
	'proceeding'
] as const;

/** The language of the messages: one of the five, else the page's. */
function readCommon(
	form: FormData,
	pageLocale: string
):
	| {
			values: EntryFormValues;
			preferences: DrawPreferences;
			locale: string;
	  }
	| { values: EntryFormValues; preferences: null; locale: string } {
	const weekday = form
		.getAll('weekday')
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 7);
	const part = form
		.getAll('part')
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 2);
	const values: EntryFormValues = {
		weekday,
		part,
		any: formText(form, 'any', 3),
		language: formText(form, 'language', 5)
	};
	for (const f of IDENTITY) values[f] = formText(form, f, 200);
	const weekdays = [...new Set(weekday.map(Number))].filter((d) =>
		(WEEKDAYS as readonly number[]).includes(d)
	);
	const parts = [...new Set(part)].filter((p): p is DrawPreferences['parts'][number] =>
		(PARTS as readonly string[]).includes(p)
	);
	const any = values.any === 'yes';
	const preferences = any
		? { weekdays: [], parts: [] }
		: weekdays.length + parts.length > 0
			? { weekdays: weekdays.sort(), parts }
			: null;
	return { values, preferences, locale: isLocale(values.language) ? values.language : pageLocale };
}

/** The whole entry: identity, details, language, times. */
export function parseEntry(
	form: FormData,
	needsProceeding: boolean,
	today: string,
	pageLocale: string
): EntryFormResult<EntryValues> {
	const { values, preferences, locale } = readCommon(form, pageLocale);
	const details = validateDetails(
		{ ...(values as unknown as DetailsValues), phone: '' },
		needsProceeding,
		today
	);
	const errors: { field: string; code: EntryErrorCode }[] = details.ok ? [] : [...details.errors];
	if (!preferences) errors.push({ field: 'times', code: 'times' });
	if (!details.ok || !preferences) return { ok: false, values, errors };
	return { ok: true, value: { details: details.details, locale, preferences }, values };
}

/** A change by the entry's link: name, e-mail, language, times (the identity stays). */
export function parseChange(
	form: FormData,
	pageLocale: string
): EntryFormResult<{
	fullName: string;
	email: string;
	locale: string;
	preferences: DrawPreferences;
}> {
	const { values, preferences, locale } = readCommon(form, pageLocale);
	const errors: { field: string; code: EntryErrorCode }[] = [];
	const fullName = String(values.fullName).trim().replace(/\s+/g, ' ');
	if (fullName.length < 2 || fullName.length > 120 || /\d/.test(fullName))
		errors.push({ field: 'fullName', code: 'name' });
	const email = String(values.email).trim();
	if (!isEmailAddress(email)) errors.push({ field: 'email', code: 'email' });
	if (!preferences) errors.push({ field: 'times', code: 'times' });
	if (errors.length > 0 || !preferences) return { ok: false, values, errors };
	return { ok: true, value: { fullName, email, locale, preferences }, values };
}
