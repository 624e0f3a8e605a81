// Booking on the caller's behalf: the agent holds a time (`holdSlot`, as on the public page) and
// confirms it with the caller's details on the hotline channel; the booking is audited.
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { OPEN_REASONS } from '../escalation/agent-console.service';
import { caseCaller } from '../escalation/cases.service';
import {
	confirmBooking,
	holdSlot,
	releaseHold,
	type BookingDetails,
	type ConfirmResult
} from './bookings.service';
import { sendBookingConfirmation } from './booking-mail';
import { timeChoices } from './booking-offer.service';
import { validateDetails, type DetailsValues } from './details-form';
import { SLUG_PATTERN } from '../http/form';
import { pragueDate } from '../../time/prague';

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
	| { kind: 'invalid'; errors: { field: string; code: string }[] }
	| { kind: 'full' }
	| { kind: 'not_found' }
	| Exclude<ConfirmResult, { kind: 'confirmed' }>;

/**
 * The whole booking in one step for the agent: the caller's details are checked, the time
 * offered at this action and branch is held and confirmed at once (hotline channel), and the
 * caller gets the confirmation e-mail in the language of the case's context.
 */
export async function bookOnBehalf(
	actor: Actor | null,
	caseId: string,
	input: { serviceSlug: string; branchSlug: string; slotId: number; values: DetailsValues },
	site: { secret: string; origin: string },
	now: Date
): Promise<OnBehalfResult> {
	requireRole(actor, 'agent');
	const caller = await caseCaller(caseId);
	if (!caller) return { kind: 'not_found' };
	const times =
		SLUG_PATTERN.test(input.serviceSlug) && SLUG_PATTERN.test(input.branchSlug)
			? await timeChoices(input.serviceSlug, input.branchSlug, now, 'hotline')
			: null;
	if (!times) return { kind: 'invalid', errors: [{ field: 'times', code: 'missing' }] };
	const checked = validateDetails(input.values, times.service.needsProceeding, pragueDate(now));
	const errors: { field: string; code: string }[] = checked.ok ? [] : [...checked.errors];
	if (!Number.isInteger(input.slotId) || input.slotId <= 0)
		errors.unshift({ field: 'times', code: 'missing' });
	if (!checked.ok || errors.length > 0) return { kind: 'invalid', errors };
	if (!times.days.some((d) => d.times.some((t) => t.slotId === input.slotId)))
		return { kind: 'full' };
	const hold = await holdSlot(input.slotId, now, input.serviceSlug, input.branchSlug, 'hotline');
	if (hold.kind !== 'held') return hold;
	const result = await bookForCaller(
		actor,
		{
			holdToken: hold.token,
			details: checked.details,
			locale: caller.locale,
			secret: site.secret
		},
		now
	);
	if (result.kind !== 'confirmed') {
		// Not booked: the seat goes back at once rather than after the hold's 10 minutes.
		await releaseHold(hold.token);
		return result;
	}
	await sendBookingConfirmation(result.booking, result.token, site.origin);
	return { kind: 'booked', reference: result.booking.reference, startsAt: result.booking.startsAt };
}
