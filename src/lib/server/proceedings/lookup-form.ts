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
				number?: { code: ProceedingNumberError; detail?: string };
				birthDate?: { code: BirthDateError };
			};
	  };

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
