// Dialling the hotline with the context code typed in for the caller: pauses (`,`) let the line
// answer before the digits are sent. Pure, so the public pages and tests can use it alike.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The official number in E.164; a national number is Czech (`974801801` → `+420974801801`). */
export function officialE164(number: string): string {
	const parsed = parsePhoneNumberFromString(number, 'CZ');
	if (!parsed?.isValid()) throw new Error('not a valid hotline number');
	return parsed.number;
}

/**
 * `tel:+420974801801,,482913%23`: the number, two pauses, the code's digits and the closing hash.
 * The hash is percent-encoded: in a URI a bare `#` starts the fragment and dialers drop it
 * (RFC 3966 §3 and §5.1.5).
 */
export function telLink(number: string, code: string): string {
	const digits = code.replace(/\D/g, '');
	return `tel:${officialE164(number)},,${digits}%23`;
}
