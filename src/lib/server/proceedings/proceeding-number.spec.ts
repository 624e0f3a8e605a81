import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	formatProceedingNumber,
	parseProceedingNumber,
	TYPE_CODES,
	type ProceedingNumber
} from './proceeding-number';

const YEAR = 2026;
const parse = (input: string) => parseProceedingNumber(input, YEAR);

describe('reading a proceeding number', () => {
	it.each([
		['OAM-51727-4/DP-2025', { number: 51727, serial: 4, typeCode: 'DP', year: 2025 }],
		['OAM-987654/ZM-2025', { number: 987654, serial: null, typeCode: 'ZM', year: 2025 }],
		['OAM-0334-5/PP-2015', { number: 334, serial: 5, typeCode: 'PP', year: 2015 }],
		['oam-51727-4/dp-2025', { number: 51727, serial: 4, typeCode: 'DP', year: 2025 }],
		['  OAM 51727 - 4 / DP - 2025 ', { number: 51727, serial: 4, typeCode: 'DP', year: 2025 }],
		['51727/DP-2025', { number: 51727, serial: null, typeCode: 'DP', year: 2025 }],
		['051727-4/DP/2025', { number: 51727, serial: 4, typeCode: 'DP', year: 2025 }],
		['51727-4-DP-2025', { number: 51727, serial: 4, typeCode: 'DP', year: 2025 }],
		['51727 dp 2025', { number: 51727, serial: null, typeCode: 'DP', year: 2025 }],
		['OAM–51727–4/DP–2025', { number: 51727, serial: 4, typeCode: 'DP', year: 2025 }],
		['51727DP2025', { number: 51727, serial: null, typeCode: 'DP', year: 2025 }],
		['OAM-0/TP-2024', { number: 0, serial: null, typeCode: 'TP', year: 2024 }]
	])('reads %j', (input, expected) => {
		expect(parse(input)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['OAM-51727-4/XY-2025', 'unknown_type'],
		['OAM-51727-4-2025', 'no_type'],
		['OAM-51727-4/DP', 'no_year'],
		['OAM-51727-4/DP-25', 'bad_year'],
		['OAM-51727-4/DP-1999', 'bad_year'],
		['OAM-51727-4/DP-2031', 'bad_year'],
		['OAM-/DP-2025', 'no_number'],
		['OAM-1234567/DP-2025', 'number_too_long'],
		['OAM-51727-4/DP-2025!', 'unexpected'],
		['1-2-3/DP-2025', 'unexpected'],
		['x'.repeat(80), 'too_long']
	])('explains what is wrong with %j', (input, error) => {
		const result = parse(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toBe(error);
	});

	it('names the unknown type code so the message can quote it', () => {
		expect(parse('51727/XY-2025')).toEqual({ ok: false, error: 'unknown_type', detail: 'XY' });
	});
});

const numberArb: fc.Arbitrary<ProceedingNumber> = fc.record({
	number: fc.integer({ min: 0, max: 999_999 }),
	serial: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
	typeCode: fc.constantFrom(...TYPE_CODES),
	year: fc.integer({ min: 2000, max: YEAR })
});

describe('parser properties', () => {
	it('never throws, whatever is typed', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (input) => {
				const result = parse(input);
				expect(typeof result.ok).toBe('boolean');
			}),
			{ numRuns: 2000 }
		);
	});

	it('round-trips every canonical number', () => {
		fc.assert(
			fc.property(numberArb, (n) => {
				expect(parse(formatProceedingNumber(n))).toEqual({ ok: true, value: n });
			}),
			{ numRuns: 2000 }
		);
	});

	it('reads the same number typed sloppily: lower case, spaces, no OAM-, leading zeros', () => {
		fc.assert(
			fc.property(
				numberArb,
				fc.integer({ min: 0, max: 3 }),
				fc.constantFrom(' ', '-', '/', ' / '),
				(n, zeros, sep) => {
					const serial = n.serial === null ? '' : `${sep}${n.serial}`;
					const typed = `${'0'.repeat(zeros)}${n.number}${serial}${sep}${n.typeCode.toLowerCase()}${sep}${n.year}`;
					// Six digits plus leading zeros still fit: zeros are ignored, as the official lookup does.
					expect(parse(typed)).toEqual({ ok: true, value: n });
				}
			),
			{ numRuns: 2000 }
		);
	});
});
