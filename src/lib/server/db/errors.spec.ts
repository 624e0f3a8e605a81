import { describe, expect, it } from 'vitest';
import { isOverloadError } from './errors';

/** As drizzle wraps a driver's error: the code sits on the cause. */
const wrapped = (code: string) =>
	Object.assign(new Error('Failed query: …'), { cause: Object.assign(new Error('x'), { code }) });

describe('isOverloadError', () => {
	it.each([
		'57P01', // admin_shutdown: the backend was terminated (a restart, pg_terminate_backend)
		'57P02', // crash_shutdown
		'57P03', // cannot_connect_now: starting up
		'57014', // statement timeout
		'55000', // object_not_in_prerequisite_state: e.g. a server in recovery
		'55P03', // lock timeout
		'53300', // too_many_connections
		'08006', // connection_failure
		'40001', // serialization_failure
		'40P01', // deadlock
		'58030', // I/O error
		'ECONNRESET',
		'ECONNREFUSED',
		'EPIPE',
		'ETIMEDOUT',
		'CONNECTION_CLOSED',
		'CONNECTION_DESTROYED',
		'CONNECT_TIMEOUT'
	])('counts %s as a fault to retry, not a bug', (code) => {
		expect(isOverloadError(wrapped(code))).toBe(true);
		expect(isOverloadError(Object.assign(new Error('x'), { code }))).toBe(true);
	});

	it.each(['22021', '22P05', '22003', '22P02', '23505', '42P01', undefined])(
		'leaves %s a bug to fix (a 500 that is logged)',
		(code) => {
			expect(isOverloadError(code ? wrapped(code) : new Error('x'))).toBe(false);
		}
	);
});
