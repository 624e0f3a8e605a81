import { describe, expect, it } from 'vitest';
import { OFFLINE_PAGES, offlinePageFor } from './offline-routes';
import { isPrivatePath, mustNotStore } from './private-paths';

describe('offline routing', () => {
	it('has a translated offline page per locale and picks it by URL prefix', () => {
		expect(OFFLINE_PAGES).toEqual([
			'/offline',
			'/en/offline',
			'/uk/offline',
			'/ru/offline',
			'/vi/offline'
		]);
		expect(offlinePageFor('/uk/checklists/employee-card')).toBe('/uk/offline');
		expect(offlinePageFor('/checklists')).toBe('/offline');
		expect(offlinePageFor('/vi')).toBe('/vi/offline');
	});

	it('never caches the back office or machine endpoints', () => {
		for (const path of [
			'/agent',
			'/agent/c/abc',
			'/staff/day',
			'/admin',
			'/login',
			'/api/ready',
			'/en/login',
			'/dev/mailbox',
			'/uk/dev/mailbox',
			'/status/alerts/confirm/abc',
			'/vi/status/alerts/unsubscribe/abc',
			'/ru/status/alerts',
			'/en/booking/abc',
			'/booking/abc/__data.json',
			'/en/help/shared',
			'/help/callback-requested',
			'/uk/book/biometrics/praha-1/details',
			'/book/biometrics/praha-1/check',
			'/draw/abc'
		]) {
			expect(isPrivatePath(path), path).toBe(true);
		}
		for (const path of [
			'/',
			'/uk/status',
			'/help',
			'/en/help/callback-queued',
			'/book/biometrics/praha-1',
			'/bookings',
			'/my',
			'/agenda',
			'/developers'
		]) {
			expect(isPrivatePath(path), path).toBe(false);
		}
	});

	it('knows a response the device must not keep', () => {
		for (const value of [
			'no-store',
			'private, no-store',
			'private',
			'no-cache, NO-STORE',
			'private="set-cookie"'
		])
			expect(mustNotStore(value), value).toBe(true);
		for (const value of [null, '', 'public, max-age=60', 'no-cache', 'max-age=0, must-revalidate'])
			expect(mustNotStore(value), String(value)).toBe(false);
	});
});
