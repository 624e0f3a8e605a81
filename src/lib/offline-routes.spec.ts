import { describe, expect, it } from 'vitest';
import { isPrivatePath, OFFLINE_PAGES, offlinePageFor } from './offline-routes';

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
			'/vi/status/alerts/unsubscribe/abc'
		]) {
			expect(isPrivatePath(path), path).toBe(true);
		}
		for (const path of ['/', '/uk/status', '/booking/abc', '/my', '/agenda', '/developers']) {
			expect(isPrivatePath(path), path).toBe(false);
		}
	});
});
