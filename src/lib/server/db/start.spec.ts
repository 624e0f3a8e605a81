import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { openConfiguredDatabase } from './start';

describe('start-up against an unreachable PostgreSQL', () => {
	it('fails with one line that says where and what to fix, without the password', async () => {
		const config = loadConfig({ DATABASE_URL: 'postgres://pobyt:s3cret@127.0.0.1:1/pobyt' });
		const error = await openConfiguredDatabase(config).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConfigError);
		const message = (error as Error).message;
		expect(message).toMatch(
			/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/pobyt \(ECONNREFUSED\): check DATABASE_URL/
		);
		expect(message).not.toContain('s3cret');
		expect(message).not.toContain('\n');
	});
});
