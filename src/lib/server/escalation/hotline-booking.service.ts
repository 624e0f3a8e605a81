// Booking on the caller's behalf: the agent holds a time (`holdSlot`, as on the public page) and
// confirms it with the caller's details on the hotline channel; the booking is audited.
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { OPEN_REASONS } from './agent-console.service';
import {
	confirmBooking,
	holdSlot,
	releaseHold,
	type BookingDetails,
	type ConfirmResult
} from '../booking/bookings.service';
import { sendBookingConfirmation } from '../booking/booking-mail';
import { timeChoices } from '../booking/booking-flow.service';

export async function bookForCaller(
	actor: Actor | null,
	input: { holdToken: string; details: BookingDetails; locale: string; secret: string },
	now: Date
): Promise<ConfirmResult> {
	const agent = requireRole(actor, 'agent');
	const result = await confirmBooking({ ...input, channel: 'hotline', now });
	if (result.kind === 'confirmed')
		await audit(
			agent,
			{
				action: 'booking.create',
				subjectType: 'booking',
				subjectId: result.booking.id,
				reason: OPEN_REASONS.case
			},
			now
		);
	return result;
}

export type OnBehalfResult =
	| { kind: 'booked'; reference: string; startsAt: Date }
	| { kind: 'full' }
	| { kind: 'not_found' }
	| Exclude<ConfirmResult, { kind: 'confirmed' }>;

/**
 * The whole booking in one step for the agent: the time offered at this action and branch is held
 * and confirmed at once with the caller's details (hotline channel), and the caller gets the
 * confirmation e-mail in their language.
 */
export async function bookOnBehalf(
	actor: Actor | null,
	input: {
		serviceSlug: string;
		branchSlug: string;
		slotId: number;
		details: BookingDetails;
		locale: string;
		secret: string;
		origin: string;
	},
	now: Date
): Promise<OnBehalfResult> {
	requireRole(actor, 'agent');
	const times = await timeChoices(input.serviceSlug, input.branchSlug, now);
	if (!times) return { kind: 'not_found' };
	if (!times.days.some((d) => d.times.some((t) => t.slotId === input.slotId)))
		return { kind: 'full' };
	const hold = await holdSlot(input.slotId, now, input.serviceSlug);
	if (hold.kind !== 'held') return hold;
	const result = await bookForCaller(
		actor,
		{ holdToken: hold.token, details: input.details, locale: input.locale, secret: input.secret },
		now
	);
	if (result.kind !== 'confirmed') {
		// Not booked: the seat goes back at once rather than after the hold's 10 minutes.
		await releaseHold(hold.token);
		return result;
	}
	await sendBookingConfirmation(result.booking, result.token, input.origin);
	return { kind: 'booked', reference: result.booking.reference, startsAt: result.booking.startsAt };
}
