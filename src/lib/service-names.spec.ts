import { describe, expect, it } from 'vitest';
import { SEED_SERVICES } from './server/db/seed-data';
import { serviceName } from './service-names';

describe('service names', () => {
	it('names every seeded action in every locale', () => {
		for (const service of SEED_SERVICES) {
			for (const locale of ['cs', 'en', 'uk', 'ru', 'vi'] as const) {
				expect(serviceName(service.slug, locale), `${service.slug} ${locale}`).not.toBe(
					service.slug
				);
			}
		}
		expect(serviceName('biometrics', 'uk')).toBe('Зняття біометричних даних');
	});
});
