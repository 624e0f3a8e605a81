import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { bookingAdmission, InFlightLimit } from './booking-admission';
import {
	newTicket,
	readTicket,
	signTicket,
	TICKET_COOKIE,
	PASS_COOKIE,
	WaitingRoom
} from './waiting-room';

const SECRET = 'waiting-room-test-secret-0123456789abcdef';

const eventFor = (path: string, method = 'POST', cookie = '') =>
	({
		request: new Request(`http://localhost${path}`, { method, headers: cookie ? { cookie } : {} }),
		url: new URL(`http://localhost${path}`),
		locals: {}
	}) as unknown as RequestEvent;

function pending() {
	let finish!: (response: Response) => void;
	const done = new Promise<Response>((resolve) => (finish = resolve));
	return { resolve: () => done, finish };
}

/** The ticket cookie a waiting page set, as the browser sends it back. */
const ticketOf = (response: Response) => {
	const header = response.headers.get('set-cookie') ?? '';
	const value = /pobyt_wait=([^;]*)/.exec(header)?.[1];
	return value ? `${TICKET_COOKIE}=${value}` : '';
};

describe('waiting room', () => {
	it('signs tickets: a changed arrival time or id is refused', () => {
		const ticket = newTicket(Date.parse('2026-11-24T09:30:00Z'));
		const signed = signTicket(SECRET, ticket);
		expect(readTicket(SECRET, signed)).toEqual(ticket);
		const earlier = signed.replace(/^\d{13}/, String(ticket.arrivedAt - 60_000));
		expect(readTicket(SECRET, earlier)).toBeNull();
		expect(readTicket('another-secret-0123456789abcdef0123', signed)).toBeNull();
		// A ticket is not a pass.
		expect(readTicket(SECRET, signed, 'pass')).toBeNull();
	});

	it('places people in order of arrival, whatever order they come back in', () => {
		const room = new WaitingRoom();
		const t = [newTicket(1000), newTicket(2000), newTicket(3000)];
		expect(room.place(t[2]!, 3000)).toBe(1);
		expect(room.place(t[0]!, 3001)).toBe(1);
		expect(room.place(t[1]!, 3002)).toBe(2);
		expect(room.place(t[2]!, 3003)).toBe(3);
		room.leave(t[0]!);
		expect(room.place(t[2]!, 3004)).toBe(2);
		// Someone who stops coming back is forgotten after their refresh was due.
		expect(room.waiting(3004 + 60_000)).toBe(0);
	});

	it('instead of "try again": a ticket and a self-refreshing page with the place; let through in order as capacity frees', async () => {
		const limit = new InFlightLimit();
		const room = new WaitingRoom();
		const handle = bookingAdmission(() => 1, limit, { room, secret: () => SECRET });
		const running = pending();
		const first = handle({
			event: eventFor('/uk/book/registration/praha-1?/hold'),
			resolve: running.resolve
		});
		// Full: the next two get the waiting page, places 1 and 2.
		const second = await handle({
			event: eventFor('/uk/book/registration/praha-1?/hold'),
			resolve: async () => new Response('no')
		});
		const third = await handle({
			event: eventFor('/uk/book/registration/praha-1?/hold'),
			resolve: async () => new Response('no')
		});
		expect(second.status).toBe(429);
		const html = await second.text();
		expect(html).toContain('<html lang="uk">');
		expect(second.headers.get('refresh')).toMatch(/^\d+;url=\/uk\/book\/registration\/praha-1$/);
		expect(html).not.toContain('http-equiv');
		expect(html).toContain('data-place="1"');
		expect(await third.text()).toContain('data-place="2"');
		const [c2, c3] = [ticketOf(second), ticketOf(third)];
		expect(c2).not.toBe('');

		// Coming back while the first is still running: still waiting, same places.
		const page = (cookie: string) =>
			handle({
				event: eventFor('/uk/book/registration/praha-1', 'GET', cookie),
				resolve: async () => new Response('the form')
			});
		expect((await page(c3)).status).toBe(429);
		// A newcomer without a ticket queues behind them rather than going first.
		const newcomer = await handle({
			event: eventFor('/uk/book/registration/praha-1?/hold'),
			resolve: async () => new Response('no')
		});
		expect(await newcomer.text()).toContain('data-place="3"');

		running.finish(new Response(null, { status: 303 }));
		await first;
		// Capacity freed: the third is still behind the second…
		expect((await page(c3)).status).toBe(429);
		// …the second gets the form and a pass; the ticket is spent.
		const turn = await page(c2);
		expect(turn.status).toBe(200);
		expect(await turn.text()).toBe('the form');
		const cookies = turn.headers.get('set-cookie') ?? '';
		expect(cookies).toContain(`${PASS_COOKIE}=`);
		const pass = /pobyt_pass=([^;]*)/.exec(cookies)![1]!;
		// With the pass the form goes through, ahead of those still waiting.
		const sent = await handle({
			event: eventFor('/uk/book/registration/praha-1?/hold', 'POST', `${PASS_COOKIE}=${pass}`),
			resolve: async () => new Response(null, { status: 303 })
		});
		expect(sent.status).toBe(303);
		// Now the third's turn.
		expect((await page(c3)).status).toBe(200);
	});

	it('lets someone holding a seat finish ahead of the line (within the limit), never a newcomer', async () => {
		const limit = new InFlightLimit();
		const room = new WaitingRoom();
		const handle = bookingAdmission(() => 2, limit, { room, secret: () => SECRET });
		const running = [pending(), pending()];
		const admitted = running.map((r) =>
			handle({ event: eventFor('/book/registration/praha-1?/hold'), resolve: r.resolve })
		);
		// People waiting who have not come back yet (their pages refresh later) fill the line.
		for (let i = 0; i < 3; i++)
			expect(
				(
					await handle({
						event: eventFor('/book/registration/praha-1?/hold'),
						resolve: async () => new Response('no')
					})
				).status
			).toBe(429);
		expect(room.waiting(Date.now())).toBe(3);
		// One place frees.
		running[0]!.finish(new Response(null, { status: 303 }));
		await admitted[0];
		expect(limit.count).toBe(1);
		const hold = 'pobyt_hold=AAAAAAAAAAAAAAAAAAAAAAAAAAA';
		const ok = async () => new Response(null, { status: 303 });
		// Details and confirmation of a held seat go through while one place of two is free…
		for (const step of ['details', 'check'])
			expect(
				(
					await handle({
						event: eventFor(`/uk/book/registration/praha-1/${step}`, 'POST', hold),
						resolve: ok
					})
				).status
			).toBe(303);
		// …a newcomer's hold does not, nor a step without a held seat, nor one with a malformed cookie.
		for (const [path, cookie] of [
			['/book/registration/praha-1?/hold', hold],
			['/book/registration/praha-1/details', ''],
			['/book/registration/praha-1/details', 'pobyt_hold=%E0%A4%A'],
			['/book/registration/praha-1/details', `${TICKET_COOKIE}=%E0%A4%A`]
		] as const)
			expect((await handle({ event: eventFor(path, 'POST', cookie), resolve: ok })).status).toBe(
				429
			);
		// The in-flight limit still holds for them: with both places taken, they wait too.
		const second = pending();
		void handle({
			event: eventFor('/book/registration/praha-1/check', 'POST', hold),
			resolve: second.resolve
		});
		expect(limit.count).toBe(2);
		expect(
			(
				await handle({
					event: eventFor('/book/registration/praha-1/check', 'POST', hold),
					resolve: ok
				})
			).status
		).toBe(429);
		running[1]!.finish(new Response(null, { status: 303 }));
		second.finish(new Response(null, { status: 303 }));
	});
});
