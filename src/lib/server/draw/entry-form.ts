// The entry form of a draw, validated at the edge: the identity and details as for a booking
// (details-form.ts), the language of the messages and which times suit (at least one choice).
import * as v from 'valibot';
import { isLocale } from '../../paraglide/runtime';
import { isEmailAddress } from '../mail/email-address';
import { many, parseForm, text } from '../http/form';
import {
	controlErrors,
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

/** The fields as the one form reader takes them (docs/adr/0008): control characters refused. */
const ENTRY_FORM = v.object({
	fullName: text(200),
	day: text(200),
	month: text(200),
	year: text(200),
	nationality: text(200),
	documentNumber: text(200),
	email: text(200),
	proceeding: text(200),
	weekday: many(3, 7),
	part: many(20, 2),
	any: text(3),
	language: text(5)
});

/** The language of the messages: one of the five, else the page's. */
function readCommon(
	form: FormData,
	pageLocale: string
): {
	values: EntryFormValues;
	preferences: DrawPreferences | null;
	locale: string;
	controls: { field: string; code: 'control' }[];
} {
	const read = parseForm(ENTRY_FORM, form);
	const values = read.values as EntryFormValues;
	const controls = read.ok ? [] : controlErrors(read.errors);
	const { weekday, part } = values;
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
	return {
		values,
		preferences,
		locale: isLocale(values.language) ? values.language : pageLocale,
		controls
	};
}

/** The whole entry: identity, details, language, times. */
export function parseEntry(
	form: FormData,
	needsProceeding: boolean,
	today: string,
	pageLocale: string
): EntryFormResult<EntryValues> {
	const { values, preferences, locale, controls } = readCommon(form, pageLocale);
	if (controls.length > 0) return { ok: false, values, errors: controls };
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
	const { values, preferences, locale, controls } = readCommon(form, pageLocale);
	// Control characters are refused by their field (the identity fields are not on this form).
	if (controls.length > 0) return { ok: false, values, errors: controls };
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
