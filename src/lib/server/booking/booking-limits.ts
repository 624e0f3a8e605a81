// The booking's throttles, two sets: per identity (whoever fills in the same person's details)
// and per client address (keyed hashes only; docs/adr/0003, docs/adr/0004).
import { limitKey, Limits } from '../rate-limit/limiter';
import { PROOF_USE, proofUse, type ProofReading } from '../security/proof-of-work';
import { personKey, type BookingDetails } from './bookings.service';

export interface Visitor {
	clientAddress: string;
	secret: string;
	now: Date;
}

/**
 * One identity may fill in its details on at most 5 holds a day, whatever addresses they come
 * from: an intermediary booking (and re-booking) seats in one client's name is slowed down.
 */
const perIdentityLimits = new Limits([
	{ name: 'details:person', points: 5, durationSeconds: 24 * 3600 }
]);

/** What filling in details counts, for `saveHoldDetails`: the identity's daily budget. */
export function identityThrottle(
	details: Pick<BookingDetails, 'documentNumber' | 'birthDate'>,
	secret: string
) {
	const person = personKey(secret, details.documentNumber, details.birthDate);
	return perIdentityLimits.within('throttle', {
		'details:person': limitKey(secret, 'details:person', person)
	});
}

/**
 * Per client address (keyed-hashed): a crowd of holds or sign-ups from one place is refused.
 * A hold without proof of work (a browser without JavaScript, or a script) also counts against
 * a much smaller budget (docs/adr/0004).
 */
const ADDRESS_LIMITS = [
	{ name: 'hold:addr', points: 20, durationSeconds: 10 * 60 },
	{ name: 'hold:nojs', points: 3, durationSeconds: 3600 },
	{ name: 'waitlist:addr', points: 10, durationSeconds: 3600 }
];

type AddressLimit = (typeof ADDRESS_LIMITS)[number]['name'];
const perAddressLimits = new Limits(ADDRESS_LIMITS);
/** The hold's counters, counted in its own statement: the proof's single use and the address. */
const holdLimits = new Limits([PROOF_USE, ...ADDRESS_LIMITS]);

/**
 * What a hold counts, for `holdOffered`: with a valid proof its single use and the address;
 * without one the address and the small budget of holds without JavaScript.
 */
export function holdThrottle(proof: ProofReading, who: Pick<Visitor, 'clientAddress' | 'secret'>) {
	const key = (name: AddressLimit) => limitKey(who.secret, name, who.clientAddress);
	return holdLimits.within(
		'throttle',
		proof.kind === 'valid'
			? { ...proofUse(proof), 'hold:addr': key('hold:addr') }
			: { 'hold:addr': key('hold:addr'), 'hold:nojs': key('hold:nojs') }
	);
}

export async function perAddress(
	names: AddressLimit[],
	who: Pick<Visitor, 'clientAddress' | 'secret'>
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
	return perAddressLimits.consume(
		Object.fromEntries(names.map((name) => [name, limitKey(who.secret, name, who.clientAddress)]))
	);
}
