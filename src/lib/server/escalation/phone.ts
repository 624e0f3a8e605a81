import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneError = 'phone_empty' | 'phone_invalid';

/**
 * A phone number as typed: Czech without a prefix, any other country with `+` (or `00`).
 * Stored in E.164 (`+420777123456`), the form phones dial.
 */
export function parsePhone(
	typed: string
): { ok: true; e164: string } | { ok: false; error: PhoneError } {
	const raw = typed.trim();
	if (raw === '') return { ok: false, error: 'phone_empty' };
	if (raw.length > 40) return { ok: false, error: 'phone_invalid' };
	const parsed = parsePhoneNumberFromString(raw, 'CZ');
	return parsed?.isValid()
		? { ok: true, e164: parsed.number }
		: { ok: false, error: 'phone_invalid' };
}

/** A number to call back: what the agents' phones dial. */
export const parseCallbackPhone = parsePhone;
