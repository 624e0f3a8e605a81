import { describe, expect, it } from 'vitest';

import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { usageEvents } from './insights.schema';
import { flushUsageEvents, recordClientEvent } from './insights.service';

describe.each(ENGINES)('browser usage events on %s', (engine) => {
	const t = testDatabaseFor(engine);

	it('stores a known event with its stage and drops anything else', async () => {
		recordClientEvent({ kind: 'status_saved', stage: 'suspended' }, 'vi');
		recordClientEvent({ kind: 'status_saved', stage: 'OAM-51727/DP-2025' }, 'vi');
		recordClientEvent(
			{ kind: 'status_saved', stage: 'processing', number: 'OAM-51727/DP-2025' },
			'uk'
		);
		recordClientEvent({ kind: 'anything', stage: 'processing' }, 'uk');
		recordClientEvent(null, 'uk');
		await flushUsageEvents();
		const rows = await t.db
			.select({ kind: usageEvents.kind, locale: usageEvents.locale, facets: usageEvents.facets })
			.from(usageEvents);
		expect(rows).toEqual([
			{ kind: 'status_saved', locale: 'vi', facets: { stage: 'suspended' } },
			{ kind: 'status_saved', locale: 'uk', facets: { stage: 'processing' } }
		]);
	});
});
