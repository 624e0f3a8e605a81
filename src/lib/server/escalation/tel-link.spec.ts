import { describe, expect, it } from 'vitest';
import { formatContextCode, newContextCode, parseContextCode } from './context-code';
import { parseCallbackPhone } from './phone';
import { officialE164, telLink } from './tel-link';

describe('telLink', () => {
	it('dials the official number, pauses, then the code and the hash', () => {
		expect(telLink('+420974801801', '482913')).toBe('tel:+420974801801,,482913%23');
	});

	it('gives a national number the Czech country code', () => {
		expect(telLink('974801801', '482 913')).toBe('tel:+420974801801,,482913%23');
		expect(telLink('974 801 801', '000123')).toBe('tel:+420974801801,,000123%23');
	});

	it('keeps a foreign official number as it is', () => {
		expect(telLink('+49 30 18681 0', '482913')).toBe('tel:+4930186810,,482913%23');
	});

	it('refuses a number that is not one', () => {
		expect(() => officialE164('12')).toThrow();
	});
});

describe('context codes', () => {
	it('are six digits, shown in two groups, read back however typed', () => {
		for (let i = 0; i < 200; i++) expect(newContextCode()).toMatch(/^\d{6}$/);
		expect(formatContextCode('482913')).toBe('482 913');
		expect(formatContextCode('000042')).toBe('000 042');
		expect(parseContextCode(' 482 913 ')).toBe('482913');
		expect(parseContextCode('482-913')).toBe('482913');
		expect(parseContextCode('48291')).toBeNull();
		expect(parseContextCode('4829134')).toBeNull();
		expect(parseContextCode('48a913')).toBeNull();
	});
});

describe('callback phone numbers', () => {
	it('reads a Czech number without a prefix as +420', () => {
		expect(parseCallbackPhone('777 123 456')).toEqual({ ok: true, e164: '+420777123456' });
		expect(parseCallbackPhone('+420 777 123 456')).toEqual({ ok: true, e164: '+420777123456' });
	});

	it('accepts foreign numbers with + (Ukrainian, Vietnamese) or 00', () => {
		expect(parseCallbackPhone('+380 67 123 4567')).toEqual({ ok: true, e164: '+380671234567' });
		expect(parseCallbackPhone('+84 912 345 678')).toEqual({ ok: true, e164: '+84912345678' });
		expect(parseCallbackPhone('00380671234567')).toEqual({ ok: true, e164: '+380671234567' });
	});

	it('refuses empty and impossible numbers', () => {
		expect(parseCallbackPhone('  ')).toEqual({ ok: false, error: 'phone_empty' });
		expect(parseCallbackPhone('12')).toEqual({ ok: false, error: 'phone_invalid' });
		expect(parseCallbackPhone('+380 12')).toEqual({ ok: false, error: 'phone_invalid' });
		expect(parseCallbackPhone('call me maybe')).toEqual({ ok: false, error: 'phone_invalid' });
		// A Ukrainian mobile number typed without +380 is not a Czech number.
		expect(parseCallbackPhone('067 123 4567')).toEqual({ ok: false, error: 'phone_invalid' });
	});
});
