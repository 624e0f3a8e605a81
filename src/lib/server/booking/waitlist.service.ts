// The waitlist (issue "Branch appointment booking", item 6): people ask to be told when a seat
// frees up; a cancellation offers the freed seat to the first of them, held for 30 minutes.
import { TOKEN_PATTERN, hashToken, newToken } from '../security/tokens';
import { track } from '../insights/insights.service';
import { enqueueMail } from '../mail/outbox.repository';
import { offerMessage } from './booking-mail';
import { holdTarget, insertWaitlistEntry, offerSeat } from './waitlist.repository';
import { perAddress, type Visitor } from './booking-limits';
import { timeChoices } from './booking-offer.service';

/** How long an offered seat waits for the person it was offered to. */
export const OFFER_MINUTES = 30;

export async function joinWaitlist(input: {
	serviceId: number;
	branchId: number;
	fromDate: string;
	toDate: string;
	email: string;
	locale: string;
	now: Date;
}): Promise<void> {
	const { now, ...entry } = input;
	await insertWaitlistEntry({ ...entry, createdAt: now });
	track('waitlist_signup', input.locale, {});
}

/** After a seat came free: offer it to the first person waiting, if any. */
export async function offerFreedSeat(slotId: number, origin: string, now: Date): Promise<boolean> {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + OFFER_MINUTES * 60_000);
	const offer = await offerSeat(slotId, { tokenHash: hashToken(token), expiresAt }, now);
	if (!offer) return false;
	await enqueueMail([offerMessage(offer, token, expiresAt, origin)]);
	track('waitlist_offer', offer.locale, {});
	return true;
}

/** The booking step an offered seat's link continues at, while the offer lasts. */
export async function claimOffer(
	token: string,
	now: Date
): Promise<{ serviceSlug: string; branchSlug: string; expiresAt: Date } | null> {
	return TOKEN_PATTERN.test(token) ? holdTarget(hashToken(token), now) : null;
}

/** Joins the waitlist of this action and branch, within the per-address limit. */
export async function joinWaitlistAt(
	serviceSlug: string,
	branchSlug: string,
	entry: { fromDate: string; toDate: string; email: string; locale: string },
	who: Visitor
): Promise<'joined' | 'not_found' | { throttledSeconds: number }> {
	const times = await timeChoices(serviceSlug, branchSlug, who.now);
	if (!times) return 'not_found';
	const limit = await perAddress(['waitlist:addr'], who);
	if (!limit.allowed) return { throttledSeconds: limit.retryAfterSeconds };
	await joinWaitlist({
		serviceId: times.service.id,
		branchId: times.branch.id,
		...entry,
		now: who.now
	});
	return 'joined';
}
