// A visitor holds a time and fills in the details: the steps of the public booking that change
// something, each behind its throttle and the hold behind the proof of work (docs/adr/0004).
import { hashToken, TOKEN_PATTERN } from '../security/tokens';
import { track } from '../insights/insights.service';
import { proofReused, readProof } from '../security/proof-of-work';
import { holdOffered, saveHoldDetails } from './bookings.repository';
import { finishHold, holdTicket, type BookingDetails, type HoldResult } from './bookings.service';
import { holdThrottle, identityThrottle, type Visitor } from './booking-limits';
import { earliest, horizonEnd, serviceBySlug } from './booking-offer.service';

export type HoldOutcome =
	| HoldResult
	| { kind: 'throttled'; retryAfterSeconds: number }
	| { kind: 'not_found' }
	| { kind: 'proof_failed' };

/**
 * Holds a time offered on this action's and branch's page: after the proof of work (or within
 * the small budget for browsers without JavaScript) and within the per-address limit. The
 * proof's single use, the limits, the offer and the seat are one statement (`holdOffered`);
 * only the proof's signature and solution are checked before it, in memory.
 */
export async function holdOfferedTime(
	serviceSlug: string,
	branchSlug: string,
	slotId: number,
	who: Visitor & { proof: string | null }
): Promise<HoldOutcome> {
	const service = await serviceBySlug(serviceSlug);
	if (!service) return { kind: 'not_found' };
	const proof = readProof(who.proof, who.secret);
	if (proof.kind === 'invalid') return proofFailed(serviceSlug);
	const throttle = holdThrottle(proof, who);
	const ticket = holdTicket(who.now);
	const result = await holdOffered(
		{
			serviceSlug,
			branchSlug,
			slotId,
			from: earliest(who.now, service),
			to: horizonEnd(who.now, service),
			tokenHash: ticket.tokenHash,
			expiresAt: ticket.expiresAt,
			now: who.now
		},
		throttle
	);
	if (!result.known) return { kind: 'not_found' };
	if (proofReused(result.counters)) return proofFailed(serviceSlug);
	if (!result.allowed) {
		track('booking_refused', null, { reason: 'throttled', service: serviceSlug });
		const limit = throttle.verdict(result.counters);
		return { kind: 'throttled', retryAfterSeconds: limit.allowed ? 1 : limit.retryAfterSeconds };
	}
	if (!result.offered) return { kind: 'full' };
	return finishHold(result.held, ticket, {
		slotId,
		now: who.now,
		serviceSlug,
		branchSlug,
		channel: 'web'
	});
}

function proofFailed(serviceSlug: string): HoldOutcome {
	track('booking_refused', null, { reason: 'proof', service: serviceSlug });
	return { kind: 'proof_failed' };
}

/**
 * Keeps the validated details on the hold until confirmation, within the per-identity limit,
 * in one statement (`saveHoldDetails`); `expired` when the hold ran out meanwhile or is not a
 * hold of this action and branch.
 */
export async function keepDetails(
	token: string,
	details: BookingDetails,
	who: { secret: string; now: Date; serviceSlug: string; branchSlug: string }
): Promise<'kept' | 'expired' | { throttledSeconds: number }> {
	const service = await serviceBySlug(who.serviceSlug);
	if (!service || !TOKEN_PATTERN.test(token)) return 'expired';
	const throttle = identityThrottle(details, who.secret);
	const saved = await saveHoldDetails(
		{
			tokenHash: hashToken(token),
			details: { ...details },
			serviceId: service.id,
			branchSlug: who.branchSlug,
			now: who.now
		},
		throttle
	);
	if (!saved.allowed) {
		track('booking_refused', null, { reason: 'throttled' });
		const limit = throttle.verdict(saved.counters);
		return { throttledSeconds: limit.allowed ? 1 : limit.retryAfterSeconds };
	}
	return saved.kept ? 'kept' : 'expired';
}
