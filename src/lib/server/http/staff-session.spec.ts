import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './staff-session';

/** Where a browser would go from this page with `Location: <next>`, as the WHATWG URL parser reads it. */
const target = (next: string) => new URL(next, 'https://pobyt.example.cz/login');

describe('safeNext', () => {
	it('keeps a same-site path with its query', () => {
		expect(safeNext('/account')).toBe('/account');
		expect(safeNext('/admin/audit?subject=x&page=2')).toBe('/admin/audit?subject=x&page=2');
		expect(safeNext('/agent/c/abc_DEF-123')).toBe('/agent/c/abc_DEF-123');
		expect(safeNext('/en/staff/3/day?date=2026-11-24')).toBe('/en/staff/3/day?date=2026-11-24');
	});

	it.each([
		null,
		'',
		'account',
		'https://evil.example/',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/\t/evil.example',
		'/%09/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/\u0000/evil.example',
		'/\u2028/evil.example',
		'/\u2029',
		'/\u00A0/evil.example',
		'/\uFEFF/evil.example',
		'/ /evil.example',
		'/%2F/evil.example',
		'/%2f%2fevil.example',
		'/%5Cevil.example',
		'/%5c%5cevil.example',
		'/./evil.example/..//evil.example',
		'/.//evil.example',
		'/a/../..//evil.example',
		'/%2e%2e//evil.example',
		'javascript:alert(1)',
		'/%E0%A4%A',
		'/x\u007Fy',
		'/x\u0085y',
		'/' + 'a'.repeat(2001)
	])('refuses %j', (next) => {
		expect(safeNext(next)).toBeNull();
	});

	it('never returns anything that leaves the site or cannot be a header (10,000 hostile values)', () => {
		const hostile = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 40 }),
			fc
				.array(
					fc.constantFrom(
						'/',
						'\\',
						'.',
						'..',
						'%2F',
						'%5C',
						'%09',
						'\t',
						'\n',
						'\u2028',
						'evil.example',
						':',
						'@',
						'?',
						'#',
						'%',
						' ',
						'a'
					),
					{ maxLength: 12 }
				)
				.map((parts) => parts.join(''))
		);
		fc.assert(
			fc.property(hostile, (next) => {
				const kept = safeNext(next);
				if (kept === null) return;
				expect(kept.startsWith('/')).toBe(true);
				expect(kept.startsWith('//')).toBe(false);
				// eslint-disable-next-line no-control-regex -- finding control characters is the point
				expect(kept).not.toMatch(/[\u0000-\u0020\u007F-\u00A0\u2028\u2029\\]/);
				expect(target(kept).origin).toBe('https://pobyt.example.cz');
				expect(() => new Headers({ location: kept })).not.toThrow();
			}),
			{ numRuns: 10_000 }
		);
	});
});
