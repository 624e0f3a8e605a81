import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { databaseFaults } from './database-faults';

const run = async (path: string, status: number, overloaded: boolean, headers = {}) => {
	const event = {
		request: new Request(`http://localhost${path}`, { method: 'POST', headers }),
		url: new URL(`http://localhost${path}`),
		locals: { overloaded }
	} as unknown as RequestEvent;
	return databaseFaults({ event, resolve: async () => new Response('page', { status }) });
};

describe('database faults answered as overload', () => {
	it('turns a 500 caused by the database into a translated 503 with Retry-After', async () => {
		const answer = await run('/vi/status', 500, true);
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe('5');
		expect(answer.headers.get('cache-control')).toBe('no-store');
		const html = await answer.text();
		expect(html).toContain('<html lang="vi">');
		expect(html).toContain('Hệ thống đang tạm thời quá tải');
		expect(html).toContain('href="/vi/status"');
	});

	it('answers an enhanced form and the API in JSON', async () => {
		const form = await run('/en/help?/share', 500, true, { 'x-sveltekit-action': 'true' });
		expect(form.status).toBe(503);
		expect(await form.json()).toMatchObject({ type: 'error', status: 503 });
		const api = await run('/api/v1/status', 500, true);
		expect(api.status).toBe(503);
		expect(await api.json()).toEqual({ ok: false, error: 'try_again' });
	});

	it('leaves other errors and answers alone', async () => {
		expect((await run('/status', 500, false)).status).toBe(500);
		expect((await run('/status', 400, true)).status).toBe(400);
	});
});
