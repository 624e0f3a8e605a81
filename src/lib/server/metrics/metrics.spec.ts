import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observeError, observeRequest, observeUsageEvent, registry, statusClass } from './metrics';

const value = async (series: string) => {
	const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
	return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('metrics', () => {
	it('counts booking outcomes and refusals from the usage events', async () => {
		const held = 'pobyt_booking_steps_total{step="held"}';
		const full = 'pobyt_booking_refusals_total{reason="full"}';
		const before = [await value(held), await value(full)];
		observeUsageEvent('booking', { step: 'held', service: 'registration' });
		observeUsageEvent('booking_refused', { reason: 'full' });
		observeUsageEvent('status_lookup', { outcome: 'found' });
		expect([await value(held), await value(full)]).toEqual([before[0]! + 1, before[1]! + 1]);
	});

	it('times requests by route id and status class, never by path', async () => {
		observeRequest('/booking/[token]', 303, 0.02);
		observeRequest(null, 404, 0.001);
		const text = await registry.metrics();
		expect(text).toContain(
			'pobyt_http_request_duration_seconds_count{route="/booking/[token]",status_class="3xx"} 1'
		);
		expect(text).toContain('route="unmatched",status_class="4xx"');
		expect(statusClass(503)).toBe('5xx');
	});

	it('counts database errors by SQLSTATE class, and nothing for other errors', async () => {
		const before = await value('pobyt_db_errors_total{class="53"}');
		observeError(Object.assign(new Error('query failed'), { cause: { code: '53300' } }));
		observeError(new TypeError('not a database error'));
		expect(await value('pobyt_db_errors_total{class="53"}')).toBe(before + 1);
		expect(await registry.metrics()).not.toContain('class="undefined"');
	});

	it('the Grafana dashboard asks only for series this registry exposes', async () => {
		const dashboard = readFileSync('docs/grafana-dashboard.json', 'utf8');
		const asked = new Set(dashboard.match(/\b(pobyt|nodejs|process)_[a-z0-9_]+/g));
		const exposed = new Set(
			(await registry.getMetricsAsJSON()).flatMap((m) =>
				String(m.type) === 'histogram'
					? [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`]
					: [m.name]
			)
		);
		expect(asked.size).toBeGreaterThan(10);
		expect([...asked].filter((name) => !exposed.has(name))).toEqual([]);
	});
});
