import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { BACK_OFFICE } from '$lib/private-paths';
import { Limits } from '../rate-limit/limiter';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import {
	FORM_ADDRESS_LIMIT,
	formThrottle,
	OWN_LIMIT_FORMS,
	SHARED_BUDGET_FORMS,
	unthrottledForms
} from './form-throttle';

const ROUTES = join(process.cwd(), 'src/routes');

/** Route ids of every page with form actions, read from the files. */
function formRouteIds(): string[] {
	const files = readdirSync(ROUTES, { recursive: true, encoding: 'utf8' }).filter((f) =>
		f.endsWith('+page.server.ts')
	);
	return files
		.filter((f) => /export const actions\b/.test(readFileSync(join(ROUTES, f), 'utf8')))
		.map((f) => '/' + relative('.', f).replace(/\/?\+page\.server\.ts$/, ''))
		.map((id) => (id === '/' ? id : id.replace(/\/$/, '')));
}

const backOffice = (id: string) => BACK_OFFICE.test(id);

describe('every public form is throttled per address', () => {
	const ids = formRouteIds();

	it('each public form has limits of its own or takes the shared budget', () => {
		expect(ids.length).toBeGreaterThan(15);
		expect(unthrottledForms(ids, backOffice)).toEqual([]);
		// A new public form in neither list is found (a planted one).
		expect(unthrottledForms([...ids, '/book/[service]/[branch]/new-step'], backOffice)).toEqual([
			'/book/[service]/[branch]/new-step'
		]);
		// Both lists name real forms, and no form is in both.
		for (const id of [...SHARED_BUDGET_FORMS, ...Object.keys(OWN_LIMIT_FORMS)])
			expect(ids, id).toContain(id);
		for (const id of SHARED_BUDGET_FORMS) expect(Object.hasOwn(OWN_LIMIT_FORMS, id)).toBe(false);
	});
});

describe.each(ENGINES)('the shared budget of token forms on %s', (engine) => {
	const t = testDatabaseFor(engine);

	function post(path: string, routeId: string, address: string, method = 'POST') {
		return {
			request: new Request(`http://localhost${path}`, {
				method,
				...(method === 'POST'
					? { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }
					: {})
			}),
			url: new URL(`http://localhost${path}`),
			route: { id: routeId },
			getClientAddress: () => address,
			locals: {}
		} as unknown as RequestEvent;
	}

	it(`lets ${FORM_ADDRESS_LIMIT.points} posts from one address through, then a translated 429 with Retry-After`, async () => {
		const handle = formThrottle(new Limits([FORM_ADDRESS_LIMIT], t.db), () => 'test-secret');
		let ran = 0;
		const resolve = async () => {
			ran++;
			return new Response('ok');
		};
		const send = (event: RequestEvent) => handle({ event, resolve });
		const cancel = () => post('/uk/booking/tok?/cancel', '/booking/[token]', '198.51.100.7');
		for (let i = 0; i < FORM_ADDRESS_LIMIT.points; i++)
			expect((await send(cancel())).status).toBe(200);
		// Pages read and forms with limits of their own do not spend this budget.
		expect(
			(await send(post('/uk/booking/tok', '/booking/[token]', '198.51.100.7', 'GET'))).status
		).toBe(200);
		expect((await send(post('/uk/status', '/status', '198.51.100.7'))).status).toBe(200);
		expect(ran).toBe(FORM_ADDRESS_LIMIT.points + 2);

		// The budget is shared by every token form: a draw entry's withdrawal is refused too.
		for (const event of [cancel(), post('/uk/draw/x?/withdraw', '/draw/[token]', '198.51.100.7')]) {
			const refused = await send(event);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
			const html = await refused.text();
			expect(html).toContain('<html lang="uk">');
			expect(html).toContain('Забагато запитів');
		}
		expect(ran).toBe(FORM_ADDRESS_LIMIT.points + 2);
		// Another address is not affected.
		expect(
			(await send(post('/booking/tok?/cancel', '/booking/[token]', '203.0.113.9'))).status
		).toBe(200);
	});
});
