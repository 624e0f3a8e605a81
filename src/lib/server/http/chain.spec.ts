import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { chain } from './chain';

const event = (path: string) =>
	({ url: new URL(`http://localhost${path}`), locals: {} }) as unknown as RequestEvent;

/** Kit's resolve as far as hooks see it: renders "<p>page</p>" through the merged transform. */
function kitResolve(seen: { options?: ResolveOptions; event?: RequestEvent }) {
	return async (e: RequestEvent, options?: ResolveOptions) => {
		seen.options = options;
		seen.event = e;
		const html =
			(await options?.transformPageChunk?.({ html: '<p>page</p>', done: true })) ?? '<p>page</p>';
		return new Response(html, { headers: { 'x-order': '' } });
	};
}

describe('chain: the request hooks in order, as Kit’s sequence runs them', () => {
	it('runs each hook around the next, first hook outermost', async () => {
		const order: string[] = [];
		const hook =
			(name: string): Handle =>
			async ({ event, resolve }) => {
				order.push(`${name} in`);
				const response = await resolve(event);
				order.push(`${name} out`);
				return response;
			};
		const seen = {};
		await chain(hook('a'), hook('b'), hook('c'))({ event: event('/'), resolve: kitResolve(seen) });
		expect(order).toEqual(['a in', 'b in', 'c in', 'c out', 'b out', 'a out']);
	});

	it('applies the inner page transform first, then the outer one, and keeps the other options', async () => {
		const seen: { options?: ResolveOptions } = {};
		const outer: Handle = ({ event, resolve }) =>
			resolve(event, {
				transformPageChunk: ({ html }) => `${html}+outer`,
				filterSerializedResponseHeaders: (name) => name === 'x-outer',
				preload: () => false
			});
		const plain: Handle = ({ event, resolve }) => resolve(event);
		const inner: Handle = ({ event, resolve }) =>
			resolve(event, {
				transformPageChunk: ({ html }) => `${html}+inner`,
				filterSerializedResponseHeaders: (name) => name === 'x-inner'
			});
		const response = await chain(
			outer,
			plain,
			inner
		)({ event: event('/'), resolve: kitResolve(seen) });
		expect(await response.text()).toBe('<p>page</p>+inner+outer');
		// The outer hook's choices win, as in `sequence`.
		expect(seen.options?.filterSerializedResponseHeaders?.('x-outer', '')).toBe(true);
		expect(seen.options?.filterSerializedResponseHeaders?.('x-inner', '')).toBe(false);
		expect(seen.options?.preload?.({ type: 'js', path: '/a.js' })).toBe(false);
	});

	it('passes on the event a hook hands to resolve, and a hook may answer without resolving', async () => {
		const seen: { event?: RequestEvent } = {};
		const replacement = event('/replaced');
		const swap: Handle = ({ resolve }) => resolve(replacement);
		const last: Handle = ({ event, resolve }) => resolve(event);
		await chain(swap, last)({ event: event('/'), resolve: kitResolve(seen) });
		expect(seen.event).toBe(replacement);

		let reached = false;
		const refuse: Handle = () => new Response('no', { status: 429 });
		const after: Handle = ({ event, resolve }) => {
			reached = true;
			return resolve(event);
		};
		const refused = await chain(refuse, after)({ event: event('/'), resolve: kitResolve({}) });
		expect(refused.status).toBe(429);
		expect(reached).toBe(false);
	});
});
