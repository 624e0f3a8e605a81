import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { many, oneOf, parseForm, readForm, text, wholeNumber } from './form';

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [k, value] of entries) data.append(k, value);
	return data;
};

describe('parseForm', () => {
	const SCHEMA = v.object({
		name: text(10),
		note: text(50, { multiline: true }),
		slot: wholeNumber('slot'),
		kind: oneOf(['a', 'b'] as const, 'kind'),
		ticked: many(5, 3)
	});

	it('reads every field: trimmed, cut, absent as empty, repeated as a list', () => {
		const result = parseForm(
			SCHEMA,
			form([
				['name', '  Nguyễn Văn An  '],
				['note', 'line one\r\nline two\tend'],
				['slot', '42'],
				['kind', 'b'],
				['ticked', 'x'],
				['ticked', 'y'],
				['ticked', 'z'],
				['ticked', 'w']
			])
		);
		expect(result).toEqual({
			ok: true,
			data: {
				name: 'Nguyễn Văn',
				note: 'line one\r\nline two\tend',
				slot: 42,
				kind: 'b',
				ticked: ['x', 'y', 'z']
			},
			values: {
				name: 'Nguyễn Văn',
				note: 'line one\r\nline two\tend',
				slot: '42',
				kind: 'b',
				ticked: ['x', 'y', 'z']
			}
		});
		expect(parseForm(v.object({ name: text() }), form([]))).toMatchObject({
			ok: true,
			data: { name: '' }
		});
	});

	it.each(['\u0000', '\u0007', '\u001B[2J', '\u007F', '\u0085', '\u2028', '\u2029', '\t', '\n'])(
		'refuses %j in a one-line field by the field, and keeps the rest of the input',
		(control) => {
			const result = parseForm(
				SCHEMA,
				form([
					['name', `An${control}na`],
					['slot', '7'],
					['kind', 'a']
				])
			);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.errors).toEqual([{ field: 'name', code: 'control' }]);
			expect(result.values.name).not.toContain('\u0000');
			expect(result.values.slot).toBe('7');
		}
	);

	it('keeps tab and line breaks in multi-line text, refuses NUL there', () => {
		expect(
			parseForm(
				SCHEMA,
				form([
					['note', 'a\r\n\tb'],
					['slot', '1'],
					['kind', 'a']
				])
			).ok
		).toBe(true);
		const nul = parseForm(
			SCHEMA,
			form([
				['note', 'a\u0000b'],
				['slot', '1'],
				['kind', 'a']
			])
		);
		expect(nul.ok ? [] : nul.errors).toEqual([{ field: 'note', code: 'control' }]);
	});

	it.each([
		'99999999999999999999',
		'1e300',
		'1e3',
		'0x10',
		'-1',
		'0',
		'2147483648',
		'1.5',
		'NaN',
		'Infinity',
		'',
		'١٢'
	])('refuses the number %j with the field’s code', (slot) => {
		const result = parseForm(
			SCHEMA,
			form([
				['slot', slot],
				['kind', 'a']
			])
		);
		expect(result.ok ? [] : result.errors).toEqual([{ field: 'slot', code: 'slot' }]);
	});

	it('accepts whole numbers up to PostgreSQL’s integer', () => {
		const result = parseForm(
			v.object({ slot: wholeNumber('slot') }),
			form([['slot', '2147483647']])
		);
		expect(result).toMatchObject({ ok: true, data: { slot: 2_147_483_647 } });
	});

	it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'A'])(
		'looks %j up in the list, never as a property',
		(kind) => {
			const result = parseForm(
				SCHEMA,
				form([
					['kind', kind],
					['slot', '1']
				])
			);
			expect(result.ok ? [] : result.errors).toEqual([{ field: 'kind', code: 'kind' }]);
		}
	);

	it('treats a file where text is expected as absent', () => {
		const data = new FormData();
		data.append('name', new Blob(['\u0000evil']), 'x.txt');
		expect(parseForm(v.object({ name: text() }), data)).toMatchObject({
			ok: true,
			data: { name: '' }
		});
	});
});

describe('readForm', () => {
	const locals = {} as App.Locals;
	it('answers an unreadable body with a 400, not a 500', async () => {
		const request = new Request('http://x/help', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=nope' },
			body: '--broken'
		});
		await expect(readForm({ locals, request })).rejects.toMatchObject({ status: 400 });
	});

	it('takes the body the guard already read', async () => {
		const data = form([['a', 'b']]);
		const request = new Request('http://x/help', { method: 'POST', body: 'ignored' });
		expect(await readForm({ locals: { ...locals, form: data }, request })).toBe(data);
	});
});
