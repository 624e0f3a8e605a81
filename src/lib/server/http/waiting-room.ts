// The waiting room (issue 13, item 4; docs/adr/0009): where booking admission is full (ADR 0006)
// a person is not told "try again" but given a place — a signed ticket (HMAC of arrival time and
// a random id) in a cookie — and a translated page that refreshes itself (Refresh header, so no
// JavaScript) after the estimated wait. Returning with the ticket, they are let through in order
// of arrival as capacity frees. The queue is this instance's memory: waiting costs the database
// nothing, and a ticket signed by one instance is good at any other.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export const TICKET_COOKIE = 'pobyt_wait';
export const PASS_COOKIE = 'pobyt_pass';
/** A waiter who has not come back this long after their refresh was due has left. */
const GRACE_MS = 5_000;
/** A person let through has this long to send the form again ahead of newcomers. */
export const PASS_SECONDS = 120;

export interface Ticket {
	arrivedAt: number;
	id: string;
}

function mac(secret: string, body: string): Buffer {
	return createHmac('sha256', createHmac('sha256', secret).update('waiting-room').digest())
		.update(body)
		.digest()
		.subarray(0, 16);
}

/** `<arrival ms>.<random id>.<HMAC>`: nobody can move themselves forward. */
export function signTicket(secret: string, ticket: Ticket, kind = 'ticket'): string {
	const body = `${ticket.arrivedAt}.${ticket.id}`;
	return `${body}.${mac(secret, `${kind}\u0000${body}`).toString('base64url')}`;
}

export function readTicket(
	secret: string,
	value: string | undefined | null,
	kind = 'ticket'
): Ticket | null {
	const match = /^(\d{13})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/.exec(value ?? '');
	if (!match) return null;
	const expected = mac(secret, `${kind}\u0000${match[1]}.${match[2]}`);
	const given = Buffer.from(match[3]!, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return { arrivedAt: Number(match[1]), id: match[2]! };
}

export function newTicket(now: number): Ticket {
	return { arrivedAt: now, id: randomBytes(12).toString('base64url') };
}

const before = (a: Ticket, b: Ticket) =>
	a.arrivedAt < b.arrivedAt || (a.arrivedAt === b.arrivedAt && a.id < b.id);

/** The line of this instance: who is waiting, since when, and how fast people get through. */
export class WaitingRoom {
	#waiting = new Map<string, { ticket: Ticket; until: number }>();
	/** Booking writes finished per second, smoothed. */
	#rate = 0;
	#rateAt = 0;
	#finished = 0;

	#purge(now: number): void {
		for (const [id, w] of this.#waiting) if (now > w.until) this.#waiting.delete(id);
	}

	/** 1-based place of this ticket among those still waiting (it is noted as present). */
	place(ticket: Ticket, now: number): number {
		this.#purge(now);
		let ahead = 0;
		for (const w of this.#waiting.values()) if (before(w.ticket, ticket)) ahead++;
		const place = ahead + 1;
		this.#waiting.set(ticket.id, {
			ticket,
			until: now + this.estimateSeconds(place) * 1000 + GRACE_MS
		});
		return place;
	}

	leave(ticket: Ticket): void {
		this.#waiting.delete(ticket.id);
	}

	/** How many are waiting (those who stopped coming back are forgotten). */
	waiting(now: number): number {
		this.#purge(now);
		return this.#waiting.size;
	}

	/** A booking write finished: feeds the estimate of how fast the line moves. */
	finished(now: number): void {
		this.#finished++;
		if (this.#rateAt === 0) this.#rateAt = now;
		const span = now - this.#rateAt;
		if (span >= 1000) {
			const current = (this.#finished * 1000) / span;
			this.#rate = this.#rate === 0 ? current : 0.7 * this.#rate + 0.3 * current;
			this.#finished = 0;
			this.#rateAt = now;
		}
	}

	/** Seconds until this place is likely let through (at least 2, at most 30: the refresh). */
	estimateSeconds(place: number): number {
		const rate = Math.max(this.#rate, 1);
		return Math.min(30, Math.max(2, Math.ceil(place / rate)));
	}
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/**
 * The waiting page: complete, without the layout (rendering it would cost what shedding saves),
 * refreshing itself to `backPath` after the estimate (the `Refresh` header, which every browser
 * follows without a script). 429 with Retry-After, never cached.
 */
export function waitingResponse(
	locale: Locale,
	backPath: string,
	place: number,
	seconds: number,
	setCookie: string | null
): Response {
	const o = { locale };
	const title = escapeHtml(m.draw_wait_title({}, o));
	const back = escapeHtml(backPath);
	const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p id="waiting-place" data-place="${place}" data-seconds="${seconds}">${escapeHtml(m.draw_wait_text({ place, seconds }, o))}</p><p>${escapeHtml(m.draw_wait_refresh({}, o))}</p><p><a href="${back}">${escapeHtml(m.draw_wait_continue({}, o))}</a></p></main></body>
</html>`;
	const headers = new Headers({
		'content-type': 'text/html; charset=utf-8',
		'retry-after': String(seconds),
		// The refresh goes in the header, not in a <meta>: see docs/adr/0009 (WCAG 2.2.1).
		refresh: `${seconds};url=${backPath}`,
		'cache-control': 'no-store',
		'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
	});
	if (setCookie) headers.append('set-cookie', setCookie);
	return new Response(html, { status: 429, headers });
}

export function cookieValue(request: Request, name: string): string | null {
	const header = request.headers.get('cookie') ?? '';
	for (const part of header.split(/;\s*/)) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq) === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1));
			} catch {
				return null; // a malformed escape is no cookie of ours, not a 500
			}
		}
	}
	return null;
}

export const cookieHeader = (name: string, value: string, maxAge: number) =>
	`${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`;
