// Booking on the caller's behalf: the agent holds a time (`holdSlot`, as on the public page) and
// confirms it with the caller's details on the hotline channel; the booking is audited.
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { OPEN_REASONS } from './agent-console.service';
import {
	confirmBooking,
	type BookingDetails,
	type ConfirmResult
} from '../booking/bookings.service';

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
