import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const freshDir = () => mkdtempSync(join(tmpdir(), 'pobyt-config-'));

const PRODUCTION = {
	APP_MODE: 'production',
	DATABASE_URL: 'postgres://pobyt@db.internal:5432/pobyt',
	APP_SECRET: 'x'.repeat(40),
	ORIGIN: 'https://pobyt.example.cz'
};

describe('configuration', () => {
	it('a demo makes a random secret once per data folder, keeps it there, and listens locally', () => {
		const dir = freshDir();
		const first = loadConfig({ DATA_DIR: dir });
		expect(first.appSecret).toMatch(/^[A-Za-z0-9_-]{64}$/);
		expect(readFileSync(join(dir, 'app-secret'), 'utf8').trim()).toBe(first.appSecret);
		expect(statSync(join(dir, 'app-secret')).mode & 0o077).toBe(0);
		expect(loadConfig({ DATA_DIR: dir }).appSecret).toBe(first.appSecret);
		expect(loadConfig({ DATA_DIR: freshDir() }).appSecret).not.toBe(first.appSecret);
		expect(first.defaultHost).toBe('127.0.0.1');
		// An APP_SECRET given wins; production is as before (its own secret, adapter's host).
		expect(loadConfig({ DATA_DIR: dir, APP_SECRET: 's'.repeat(40) }).appSecret).toBe(
			's'.repeat(40)
		);
		const production = loadConfig(PRODUCTION);
		expect(production.appSecret).toBe(PRODUCTION.APP_SECRET);
		expect(production.defaultHost).toBeUndefined();
	});

	it('defaults to a demo on the embedded database', () => {
		const config = loadConfig({ DATA_DIR: freshDir() });
		expect(config.mode).toBe('demo');
		expect(config.databaseUrl).toBeUndefined();
		expect(config.dataDir).toMatch(/pobyt-config-/);
		expect(config.hotline.lines.map((l) => l.number)).toEqual(['+420974801801', '+420974801802']);
		expect(config.publicOrigin).toBe('http://localhost:3000');
		expect(config.smtpUrl).toBeUndefined();
		expect(config.mailFrom).toBe('Pobyt <no-reply@pobyt.invalid>');
	});

	it('drains 5 s before a production shutdown, not in a demo; metrics only with a token', () => {
		expect(loadConfig(PRODUCTION).drainSeconds).toBe(5);
		expect(loadConfig({}).drainSeconds).toBe(0);
		expect(loadConfig({ ...PRODUCTION, SHUTDOWN_DRAIN_SECONDS: '0' }).drainSeconds).toBe(0);
		expect(loadConfig(PRODUCTION).metricsToken).toBeUndefined();
		expect(loadConfig({ ...PRODUCTION, METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe(
			'm'.repeat(32)
		);
	});

	it('accepts a complete production configuration and never a demo password there', () => {
		const config = loadConfig({ ...PRODUCTION, DEMO_PASSWORD: 'demo' });
		expect(config.mode).toBe('production');
		expect(config.demoPassword).toBeUndefined();
	});

	it.each([
		[{ DATABASE_URL: undefined }, /needs DATABASE_URL/],
		[{ APP_SECRET: 'short' }, /APP_SECRET of at least 32/],
		[{ ORIGIN: undefined }, /needs ORIGIN/],
		[{ DATABASE_URL: 'mysql://x' }, /must start with postgres/],
		[{ APP_MODE: 'staging' }, /APP_MODE must be/],
		[{ HOTLINE_LINES: '[{"number":"974801801"}]' }, /HOTLINE_LINES/],
		[{ HOTLINE_HOURS: '{' }, /HOTLINE_HOURS is not valid JSON/],
		[{ SMTP_URL: 'mail.example.cz:25' }, /SMTP_URL must start with smtp/],
		[{ ORIGIN: 'https://pobyt.example.cz/app' }, /ORIGIN must be a URL without a path/],
		[{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 32/],
		[{ SHUTDOWN_DRAIN_SECONDS: '-1' }, /SHUTDOWN_DRAIN_SECONDS/]
	])('refuses %o with a message that says what to fix', (change, message) => {
		expect(() => loadConfig({ ...PRODUCTION, ...change })).toThrow(ConfigError);
		expect(() => loadConfig({ ...PRODUCTION, ...change })).toThrow(message);
	});
});
