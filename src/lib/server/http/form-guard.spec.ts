import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { formGuard } from './form-guard';

function eventFor(path: string, init: RequestInit & { headers?: Record<string, string> }) {
	return {
		request: new Request(`http://localhost${path}`, { method: 'POST', ...init }),
		url: new URL(`http://localhost${path}`),
		locals: {}
	} as unknown as RequestEvent;
}

const reached = async (event: RequestEvent) => {
	let ran = false;
	const response = await formGuard({
		event,
		resolve: async () => {
			ran = true;
			return new Response('action ran', { status: 200 });
		}
	});
	return { response, ran };
};

describe('the guard at the edge of every form', () => {
	it.each([
		['text/plain', 'a=b', 415],
		['application/json', '{"a":1}', 415],
		[undefined, 'a=b', 415],
		['multipart/form-data; boundary=x', '--x\r\nbroken', 400],
		['multipart/form-data', 'no boundary', 400]
	])(
		'refuses %s (body %j) with %i before any action runs, in the page’s language',
		async (type, body, status) => {
			const headers: Record<string, string> = type ? { 'content-type': type } : {};
			const event = eventFor('/uk/help?/share', { body, headers });
			const { response, ran } = await reached(event);
			expect(ran).toBe(false);
			expect(response.status).toBe(status);
			const html = await response.text();
			expect(html).toContain('<html lang="uk">');
			expect(html).toContain('Не вдалося прочитати форму');
			expect(html).toContain('href="/uk/help"');
		}
	);

	it('answers an enhanced form with the JSON its script reads', async () => {
		const event = eventFor('/en/login', {
			body: 'x',
			headers: { 'content-type': 'text/plain', 'x-sveltekit-action': 'true' }
		});
		const { response } = await reached(event);
		expect(response.status).toBe(415);
		expect(await response.json()).toMatchObject({ type: 'error', status: 415 });
	});

	it('reads a good form once and hands it to the action', async () => {
		const event = eventFor('/status', {
			body: 'number=OAM-1%00&day=1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		const { response, ran } = await reached(event);
		expect(ran).toBe(true);
		expect(response.status).toBe(200);
		expect(event.locals.form?.get('number')).toBe('OAM-1\u0000');
		expect(event.locals.form?.get('day')).toBe('1');
	});

	it('leaves reads and the machine endpoints alone', async () => {
		const get = { ...eventFor('/help', { method: 'GET' }) } as RequestEvent;
		expect((await reached(get)).ran).toBe(true);
		const api = eventFor('/api/v1/proceedings/events', {
			body: '{}',
			headers: { 'content-type': 'application/x-ndjson' }
		});
		expect((await reached(api)).ran).toBe(true);
	});
});
