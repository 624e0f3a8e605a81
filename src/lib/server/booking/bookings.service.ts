// Booking a slot (issue "Branch appointment booking"): hold a seat for 10 minutes, confirm with
// the person's details, cancel. Capacity lives in the database (slots.booked ≤ capacity, a CHECK;
// every change a conditional update), so no race in the application can overbook.
import { createHmac, randomBytes } from 'node:crypto';
import { TOKEN_PATTERN, hashToken, newToken } from '../security/tokens';
import {
	bookingIdByIdempotencyKey,
	bookingIdsBy,
	cancelActive,
	confirmHold,
	findHold,
	findBooking,
	moveBooking,
	releaseExpiredHolds,
	releaseExpiredSeats,
	releaseHoldNow,
	takeSeat,
	type BookingRecord,
	type HeldSlot,
	type ConfirmOutcome
} from './bookings.repository';
import type { Channel } from './bookings.schema';
import { bookingConfirmationMail } from './booking-mail';
import { normaliseReference } from './counter.service';
import { offerFreedSeat } from './waitlist.service';
import { driverError } from '../db/errors';
import { track } from '../insights/insights.service';

export const HOLD_MINUTES = 10;
/** The default lead time (DOMAIN.md); each action has its own (`services.min_lead_hours`). */
export const MIN_LEAD_HOURS = 24;
/** At most 3 bookings per person in 60 days (DOMAIN.md). */
export const PERSON_LIMIT = { bookings: 3, days: 60 };
/**
 * Repeated late cancellations pause online booking: 3 cancellations by the person less than 48 h
 * before the appointment within 90 days (each such seat is hard to give to anyone else). The
 * hotline and the branch can still book (DOMAIN.md: penalties for repeated cancellations).
 */
export const LATE_CANCELLATION_RULE = { max: 3, hoursBefore: 48, days: 90 };

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud at the counter and typed by hand. */
const REFERENCE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

export function newReference(): string {
	const bytes = randomBytes(8);
	const chars = Array.from(bytes, (b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join(
		''
	);
	return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What identifies a person for the booking rules: document number and date of birth, keyed. */
export function personKey(secret: string, documentNumber: string, birthDate: string): string {
	const doc = documentNumber.toUpperCase().replace(/[\s-]/g, '');
	return createHmac('sha256', secret)
		.update(`person\u0000${doc}\u0000${birthDate}`)
		.digest('base64url');
}

export type HoldResult = { kind: 'held'; token: string; expiresAt: Date } | { kind: 'full' };

/**
 * Holds one seat of a slot for 10 minutes; `full` when none is free (or it starts too soon).
 * Only the hotline and the counter (`channel`) may take a seat kept for them (docs/adr/0009).
 */
export async function holdSlot(
	slotId: number,
	now: Date,
	/** For the anonymous funnel counts only. */
	serviceSlug = 'unknown',
	branchSlug?: string,
	channel: Channel = 'web'
): Promise<HoldResult> {
	const ticket = holdTicket(now);
	const held = await takeSeat({ slotId, ...ticket, now, fromReserve: channel !== 'web' });
	return finishHold(held, ticket, { slotId, now, serviceSlug, branchSlug, channel });
}

/** A new hold's token (the person's), its hash (the database's) and its end. */
export function holdTicket(now: Date): { token: string; tokenHash: Uint8Array; expiresAt: Date } {
	const token = newToken();
	return {
		token,
		tokenHash: hashToken(token),
		expiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000)
	};
}

/**
 * The end of a hold whose first try (`held`) has run: a stale hold never blocks a free seat —
 * when the slot looked full, that slot's expired holds are given back and the seat tried once more
 * (instances also sweep every 10 s, startup.ts, so pages show those seats free; sweeping before
 * every hold cost each one a round trip) — and the anonymous funnel counts the outcome.
 */
export async function finishHold(
	held: boolean,
	ticket: ReturnType<typeof holdTicket>,
	hold: {
		slotId: number;
		now: Date;
		serviceSlug: string;
		branchSlug?: string;
		channel: Channel;
	}
): Promise<HoldResult> {
	const { slotId, now, serviceSlug, branchSlug, channel } = hold;
	// Only this slot's expired holds: the others' seats go to their waiting lists by the sweep.
	const taken =
		held ||
		((await releaseExpiredHolds(now, slotId)) > 0 &&
			(await takeSeat({ slotId, ...ticket, now, fromReserve: channel !== 'web' })));
	if (taken)
		track('booking', null, {
			step: 'held',
			service: serviceSlug,
			...(branchSlug ? { branch: branchSlug } : {})
		});
	else track('booking_refused', null, { reason: 'full', service: serviceSlug });
	return taken
		? { kind: 'held', token: ticket.token, expiresAt: ticket.expiresAt }
		: { kind: 'full' };
}

export interface BookingDetails {
	fullName: string;
	birthDate: string;
	nationality: string;
	documentNumber: string;
	email: string;
	phone: string | null;
	proceedingNumber: string | null;
}

export type ConfirmResult =
	| { kind: 'confirmed'; token: string; booking: BookingRecord }
	| { kind: 'expired' }
	| { kind: 'already_booked' }
	| { kind: 'limit' }
	| { kind: 'late_cancellations'; until: Date };

/**
 * The booking's own token is derived from the hold token, and the hold token (hashed) is the
 * idempotency key: a double submit or a retry after a lost response gets the same booking and
 * the same link, and a hold can become at most one booking.
 */
function bookingToken(secret: string, holdToken: string): string {
	return createHmac('sha256', secret)
		.update(`booking\u0000${holdToken}`)
		.digest('base64url')
		.slice(0, 27);
}

const idempotencyKeyOf = (holdToken: string) =>
	Buffer.from(hashToken(`idem:${holdToken}`)).toString('base64url');

/**
 * The link token of the booking a hold already became, if it did: a retry that arrives after
 * the hold is gone (it became the booking) is answered with that booking, not "expired".
 */
export async function bookingOfHold(holdToken: string, secret: string): Promise<string | null> {
	if (!TOKEN_PATTERN.test(holdToken)) return null;
	return (await bookingIdByIdempotencyKey(idempotencyKeyOf(holdToken)))
		? bookingToken(secret, holdToken)
		: null;
}

export async function confirmBooking(input: {
	holdToken: string;
	details: BookingDetails;
	channel: Channel;
	locale: string;
	secret: string;
	now: Date;
	/** Given: the confirmation e-mail is written in the booking's own transaction (links to it). */
	origin?: string;
	/** The hold as the caller has just read it (`findHold`); read here when not given. */
	hold?: HeldSlot;
}): Promise<ConfirmResult> {
	const token = bookingToken(input.secret, input.holdToken);
	const origin = input.origin;
	const mail = origin
		? (booking: BookingRecord) => bookingConfirmationMail(booking, token, origin)
		: undefined;
	const idempotencyKey = idempotencyKeyOf(input.holdToken);
	const holdHash = hashToken(input.holdToken);
	const hold = input.hold ?? (await findHold(holdHash, input.now));
	const newBooking = {
		...input.details,
		tokenHash: hashToken(token),
		personKey: personKey(input.secret, input.details.documentNumber, input.details.birthDate),
		locale: input.locale,
		channel: input.channel,
		idempotencyKey
	};
	const limits = {
		perWindow: PERSON_LIMIT.bookings,
		windowStart: new Date(input.now.getTime() - PERSON_LIMIT.days * 86_400_000),
		lateCancellations: {
			// Staff booking on someone's behalf (hotline, branch) decide for themselves.
			max: input.channel === 'web' ? LATE_CANCELLATION_RULE.max : Number.MAX_SAFE_INTEGER,
			hoursBefore: LATE_CANCELLATION_RULE.hoursBefore,
			windowStart: new Date(input.now.getTime() - LATE_CANCELLATION_RULE.days * 86_400_000)
		}
	};
	// A repeat finds its hold gone (`expired` below) and is answered with the booking it made;
	// the first confirmation, the common case, goes straight to the one statement.
	for (let attempt = 0; ; attempt++) {
		const outcome: ConfirmOutcome | null = !hold
			? { kind: 'expired' }
			: await confirmHold(
					holdHash,
					hold,
					{ ...newBooking, reference: newReference() },
					limits,
					input.now,
					mail
				).catch(async (error: unknown): Promise<ConfirmOutcome | null> => {
					// The same hold confirmed concurrently: the other request won; answer with its booking.
					const winner = await bookingIdByIdempotencyKey(idempotencyKey);
					if (winner) return { kind: 'confirmed' as const, bookingId: winner };
					// A reference collision (one in 25^8 ≈ 1.5·10^11): try another, once or twice.
					const { code, message } = driverError(error);
					if (attempt < 2 && code === '23505' && message.includes('bookings_reference'))
						return null;
					throw error;
				});
		if (outcome === null) continue;
		if (outcome.kind === 'confirmed') {
			const booking = outcome.booking ?? (await findBooking({ id: outcome.bookingId }))!;
			track('booking', input.locale, {
				step: 'confirmed',
				service: booking.serviceSlug,
				channel: input.channel,
				branch: booking.branch.slug
			});
			return { kind: 'confirmed', token, booking };
		}
		// A hold already turned into a booking by an earlier request also lands here as expired.
		const winner = await bookingIdByIdempotencyKey(idempotencyKey);
		if (winner) return { kind: 'confirmed', token, booking: (await findBooking({ id: winner }))! };
		track('booking_refused', input.locale, { reason: outcome.kind });
		return outcome;
	}
}

export async function bookingByToken(token: string): Promise<BookingRecord | null> {
	return TOKEN_PATTERN.test(token) ? findBooking({ tokenHash: hashToken(token) }) : null;
}

/** A booking by its id, for staff services that have already checked the actor (and audit). */
export async function bookingById(id: string): Promise<BookingRecord | null> {
	return findBooking({ id });
}

/**
 * Cancels an active booking that has not begun and offers the freed seat to the first person on
 * the waitlist; false if there was nothing to cancel.
 */
export async function cancelBooking(token: string, now: Date, origin: string): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	const slotId = await cancelActive(hashToken(token), now);
	if (slotId === null) return false;
	track('booking', null, { step: 'cancelled', service: 'any' });
	await offerFreedSeat(slotId, origin, now);
	return true;
}

export { releaseExpiredHolds };

/**
 * The periodic sweep (every instance, startup.ts): expired holds are given back, and each seat
 * that came back to the web is offered to the first person waiting for its action, branch and
 * day, as a cancelled booking's seat is (held for them; the next if nobody waits). Returns how
 * many were offered.
 */
export async function sweepExpiredHolds(now: Date, origin: string): Promise<number> {
	let offered = 0;
	for (const { slotId, seats } of await releaseExpiredSeats(now)) {
		for (let seat = 0; seat < seats && (await offerFreedSeat(slotId, origin, now)); seat++)
			offered++;
	}
	return offered;
}

/** Gives a hold's seat back at once (a booking that will not be made); false if none was held. */
export async function releaseHold(token: string): Promise<boolean> {
	return TOKEN_PATTERN.test(token) ? releaseHoldNow(hashToken(token)) : false;
}

/**
 * Moves a booking to another time at the same branch; the new seat is secured before the old one
 * is released, in one statement, and the freed seat is offered to the waitlist.
 */
export async function rescheduleBooking(
	token: string,
	toSlotId: number,
	now: Date,
	origin: string
): Promise<'moved' | 'full' | 'not_found'> {
	if (!TOKEN_PATTERN.test(token)) return 'not_found';
	const before = await findBooking({ tokenHash: hashToken(token) });
	const outcome = await moveBooking(hashToken(token), toSlotId, now);
	if (outcome === 'moved' && before) {
		track('booking', null, { step: 'rescheduled', service: before.serviceSlug });
		await offerFreedSeat(before.slotId, origin, now);
	}
	return outcome;
}

/**
 * Booking ids by reference (typed in any case, with or without the dash) or by e-mail, for staff
 * services that have already checked the actor (and audit).
 */
export async function bookingsFor(
	identifier: { reference: string } | { email: string }
): Promise<{ id: string; reference: string }[]> {
	if ('email' in identifier) return bookingIdsBy({ email: identifier.email.trim() });
	const reference = normaliseReference(identifier.reference);
	return reference ? bookingIdsBy({ reference }) : [];
}
