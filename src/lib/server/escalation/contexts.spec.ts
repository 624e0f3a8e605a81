import { describe, expect, it } from 'vitest';
import { parseWindow } from './callbacks.service';
import { normalisePagePath, pageArea } from './contexts.service';

const NOW = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Prague

describe('shared page paths', () => {
	it('keeps the path only, never a query or a link secret', () => {
		expect(normalisePagePath('/uk/checklists/employee-card?x=1#top')).toBe(
			'/uk/checklists/employee-card'
		);
		expect(normalisePagePath('/booking/AbCdEfGhIjKlMnOpQrStUvWxYz0')).toBe('/booking');
		expect(normalisePagePath('/en/status/alerts/unsubscribe/AbCdEfGhIjKlMnOpQrStUvWxYz0')).toBe(
			'/en/status/alerts/unsubscribe'
		);
		expect(normalisePagePath('/')).toBe('/');
		expect(normalisePagePath('https://evil.example/')).toBeNull();
		expect(normalisePagePath('/a b')).toBeNull();
	});

	it('counts by site area, with or without the locale prefix', () => {
		expect(pageArea('/checklists/employee-card')).toBe('checklists');
		expect(pageArea('/vi/status')).toBe('status');
		expect(pageArea('/en')).toBe('home');
		expect(pageArea('/')).toBe('home');
		expect(pageArea('/somewhere/else')).toBe('other');
	});
});

describe('callback windows (Prague time)', () => {
	it('turns a Prague date and hours into instants, across the winter offset', () => {
		expect(
			parseWindow({ kind: 'window', date: '2026-11-25', from: '09:00', to: '11:30' }, NOW)
		).toEqual({
			ok: true,
			start: new Date('2026-11-25T08:00:00Z'),
			end: new Date('2026-11-25T10:30:00Z')
		});
		expect(parseWindow({ kind: 'any' }, NOW)).toEqual({ ok: true, start: null, end: null });
	});

	it('uses summer time after the spring change', () => {
		const march = new Date('2026-03-27T09:00:00Z');
		expect(
			parseWindow({ kind: 'window', date: '2026-03-30', from: '08:00', to: '09:00' }, march)
		).toMatchObject({
			start: new Date('2026-03-30T06:00:00Z')
		});
	});

	it('refuses impossible, past and too distant windows', () => {
		const w = (date: string, from = '09:00', to = '10:00') =>
			parseWindow({ kind: 'window', date, from, to }, NOW);
		expect(w('2026-02-30')).toEqual({ ok: false, error: 'window_invalid' });
		expect(w('2026-11-25', '10:00', '09:00')).toEqual({ ok: false, error: 'window_invalid' });
		expect(w('2026-11-25', '9', '10:00')).toEqual({ ok: false, error: 'window_invalid' });
		expect(w('2026-11-24', '08:00', '09:30')).toEqual({ ok: false, error: 'window_past' });
		expect(w('2026-11-24', '08:00', '10:30').ok).toBe(true); // still running
		expect(w('2026-12-08').ok).toBe(true);
		expect(w('2026-12-09')).toEqual({ ok: false, error: 'window_too_far' });
	});
});
