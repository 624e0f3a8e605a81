import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { bookingAdmission, InFlightLimit, isBookingWrite, noteOverload } from './booking-admission';

const eventFor = (path: string, method = 'POST') =>
	({
		request: new Request(`http://localhost${path}`, { method }),
		url: new URL(`http://localhost${path}`),
		locals: {}
	}) as unknown as RequestEvent;

/** A request whose handling ends when the test says so. */
function pending() {
	let finish!: (response: Response) => void;
	let fail!: (error: Error) => void;
	const done = new Promise<Response>((resolve, reject) => {
		finish = resolve;
		fail = reject;
	});
	return { resolve: () => done, finish, fail };
}

describe('booking admission', () => {
	it('lets `max` booking writes run and refuses exactly the excess with 429 and Retry-After', async () => {
		const limit = new InFlightLimit();
		const handle = bookingAdmission(() => 3, limit);
		const requests = Array.from({ length: 5 }, () => pending());
		const answers = requests.map((r) =>
			handle({ event: eventFor('/book/registration/praha-1?/hold'), resolve: r.resolve })
		);
		expect(limit.count).toBe(3);
		// The excess is answered at once, before any of the admitted ones is done.
		const refused = await Promise.all(answers.slice(3));
		expect(refused.map((r) => r.status)).toEqual([429, 429]);
		expect(refused[0]!.headers.get('retry-after')).toBe('2');

		for (const r of requests.slice(0, 3)) r.finish(new Response(null, { status: 303 }));
		expect((await Promise.all(answers.slice(0, 3))).map((r) => r.status)).toEqual([303, 303, 303]);
		expect(limit.count).toBe(0);
		// Room again once they are done.
		const after = await handle({
			event: eventFor('/book/registration/praha-1/check'),
			resolve: async () => new Response(null, { status: 303 })
		});
		expect(after.status).toBe(303);
	});

	it('gives the place back when a request throws', async () => {
		const limit = new InFlightLimit();
		const handle = bookingAdmission(() => 1, limit);
		const failing = pending();
		const answer = handle({ event: eventFor('/booking/abc'), resolve: failing.resolve });
		expect(limit.count).toBe(1);
		failing.fail(new Error('boom'));
		await expect(answer).rejects.toThrow('boom');
		expect(limit.count).toBe(0);
	});

	it('leaves reads and other posts alone', async () => {
		const limit = new InFlightLimit();
		const handle = bookingAdmission(() => 0, limit);
		const ok = async () => new Response('ok');
		expect(
			(await handle({ event: eventFor('/book/registration', 'GET'), resolve: ok })).status
		).toBe(200);
		expect((await handle({ event: eventFor('/api/v1/status'), resolve: ok })).status).toBe(200);
		expect(isBookingWrite(eventFor('/uk/booking/abc'))).toBe(true);
		expect(isBookingWrite(eventFor('/bookmarks'))).toBe(false);
	});

	it('answers in the language of the page, with a way back to the form', async () => {
		const handle = bookingAdmission(() => 0);
		const response = await handle({
			event: eventFor('/uk/book/registration/praha-1/details'),
			resolve: async () => new Response('never')
		});
		const html = await response.text();
		expect(response.status).toBe(429);
		expect(html).toContain('<html lang="uk">');
		expect(html).toContain('Бронювання зараз перевантажене');
		expect(html).toContain('href="/uk/book/registration/praha-1/details"');
	});

	it('turns a 500 caused by an overloaded database into the same 429', async () => {
		const handle = bookingAdmission(() => 5);
		const event = eventFor('/book/registration/praha-1/check');
		const timeout = Object.assign(new Error('write CONNECT_TIMEOUT'), { code: 'CONNECT_TIMEOUT' });
		const response = await handle({
			event,
			resolve: async () => {
				// What Kit does with an error thrown in the action: handleError, then a 500 page.
				expect(noteOverload(event, new Error('query failed', { cause: timeout }))).toBe(true);
				return new Response('error page', { status: 500 });
			}
		});
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('2');

		// Any other failure stays a 500 (and is logged as one).
		const other = eventFor('/book/registration/praha-1/check');
		const bug = await handle({
			event: other,
			resolve: async () => {
				expect(noteOverload(other, new TypeError('x is undefined'))).toBe(false);
				return new Response('error page', { status: 500 });
			}
		});
		expect(bug.status).toBe(500);
	});
});
