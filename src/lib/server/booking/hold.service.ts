// A visitor holds a time and fills in the details: the steps of the public booking that change
// something, each behind its throttle and the hold behind the proof of work (docs/adr/0004).
import { hashToken } from '../security/tokens';
import { track } from '../insights/insights.service';
import { checkProof } from '../security/proof-of-work';
import { saveHoldDetails } from './bookings.repository';
import { holdSlot, type BookingDetails, type HoldResult } from './bookings.service';
import { perAddress, perIdentity, type Visitor } from './booking-limits';
import { earliest, horizonEnd, serviceBySlug } from './booking-offer.service';
import { slotOffer } from './catalogue.repository';

export type HoldOutcome =
	| HoldResult
	| { kind: 'throttled'; retryAfterSeconds: number }
	| { kind: 'not_found' }
	| { kind: 'proof_failed' };

/**
 * Holds a time offered on this action's and branch's page: after the proof of work (or within
 * the small budget for browsers without JavaScript) and within the per-address limit.
 */
export async function holdOfferedTime(
	serviceSlug: string,
	branchSlug: string,
	slotId: number,
	who: Visitor & { proof: string | null }
): Promise<HoldOutcome> {
	const service = await serviceBySlug(serviceSlug);
	if (!service) return { kind: 'not_found' };
	const offer = await slotOffer(
		slotId,
		serviceSlug,
		branchSlug,
		earliest(who.now, service),
		horizonEnd(who.now, service)
	);
	if (!offer.known) return { kind: 'not_found' };
	const proof = await checkProof(who.proof, who.secret);
	if (proof === 'invalid') {
		track('booking_refused', null, { reason: 'proof', service: serviceSlug });
		return { kind: 'proof_failed' };
	}
	const limit = await perAddress(
		proof === 'valid' ? ['hold:addr'] : ['hold:addr', 'hold:nojs'],
		who
	);
	if (!limit.allowed) {
		track('booking_refused', null, { reason: 'throttled', service: serviceSlug });
		return { kind: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	}
	return offer.offered ? holdSlot(slotId, who.now, serviceSlug) : { kind: 'full' };
}

/**
 * Keeps the validated details on the hold until confirmation, within the per-identity limit;
 * `expired` when the hold ran out meanwhile.
 */
export async function keepDetails(
	token: string,
	details: BookingDetails,
	who: { secret: string; now: Date }
): Promise<'kept' | 'expired' | { throttledSeconds: number }> {
	const limit = await perIdentity(details, who.secret);
	if (!limit.allowed) {
		track('booking_refused', null, { reason: 'throttled' });
		return { throttledSeconds: limit.retryAfterSeconds };
	}
	return (await saveHoldDetails(hashToken(token), { ...details }, who.now)) ? 'kept' : 'expired';
}
