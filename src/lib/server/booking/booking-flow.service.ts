// What the public booking pages show: actions, branches with their next free day, free times.
// Reads only; every change goes through bookings.service.ts.
import { addDays, fromPrague, isoDate, pragueDate, toPrague } from '../../time/prague';
import {
	activeServices,
	branchesFor,
	freeSlots,
	slotOffer,
	type ServiceRow
} from './catalogue.repository';
import { TOKEN_PATTERN, hashToken } from '../security/tokens';
import { branchAddress } from './branches.repository';
import { findHold, saveHoldDetails } from './bookings.repository';
import { getDb } from '../db';
import { track } from '../insights/insights.service';
import { limitKey, Limits } from '../rate-limit/limiter';
import { holdSlot, personKey, type BookingDetails, type HoldResult } from './bookings.service';
import { joinWaitlist } from './waitlist.service';
import { checkProof } from '../security/proof-of-work';

/** The longest horizon any action may have (`services.horizon_days`), for the waitlist's range. */
export const MAX_HORIZON_DAYS = 365;

export type ServiceChoice = Omit<ServiceRow, 'id'>;

export async function listServices(): Promise<ServiceChoice[]> {
	return (await activeServices()).map(({ id: _id, ...rest }) => rest);
}

/** The actions change only with a release (seed data), so each instance reads them every 30 s. */
let services: { rows: Promise<ServiceRow[]>; at: number; db: unknown } | null = null;
function cachedServices(): Promise<ServiceRow[]> {
	const db = getDb();
	if (!services || services.db !== db || Date.now() - services.at > 30_000) {
		const rows = activeServices();
		services = { rows, at: Date.now(), db };
		rows.catch(() => (services = null));
	}
	return services.rows;
}

async function serviceBySlug(slug: string): Promise<ServiceRow | null> {
	return (await cachedServices()).find((s) => s.slug === slug) ?? null;
}

/** The action's first bookable instant (its lead time after `now`). */
const earliest = (now: Date, service: Pick<ServiceRow, 'minLeadHours'>) =>
	new Date(now.getTime() + service.minLeadHours * 3_600_000);

/** The end of the action's bookable horizon: midnight in Prague after its last day. */
function horizonEnd(now: Date, service: Pick<ServiceRow, 'horizonDays'>): Date {
	const today = toPrague(now);
	const end = addDays(today.year, today.month, today.day, service.horizonDays + 1);
	return fromPrague(end.year, end.month, end.day);
}

export interface BranchOption {
	slug: string;
	name: string;
	address: string;
	/** Prague date of the next free slot, or null. */
	nextFreeDate: string | null;
}

export async function branchChoices(
	serviceSlug: string,
	now: Date
): Promise<{
	service: ServiceChoice;
	regions: { region: string; branches: BranchOption[] }[];
} | null> {
	const service = await serviceBySlug(serviceSlug);
	if (!service) return null;
	const rows = await branchesFor(service.id, earliest(now, service));
	const regions: { region: string; branches: BranchOption[] }[] = [];
	for (const row of rows) {
		let group = regions.find((r) => r.region === row.region);
		if (!group) regions.push((group = { region: row.region, branches: [] }));
		group.branches.push({
			slug: row.slug,
			name: row.name,
			address: `${row.street}, ${row.postcode} ${row.city}`,
			nextFreeDate: row.nextFree ? pragueDate(row.nextFree) : null
		});
	}
	const { id: _id, ...choice } = service;
	return { service: choice, regions };
}

export interface TimeOption {
	slotId: number;
	/** `HH:MM` Prague. */
	time: string;
}

export interface BranchTimes {
	service: ServiceChoice & { id: number };
	branch: BranchOption & { id: number };
	days: { date: string; times: TimeOption[] }[];
}

export async function timeChoices(
	serviceSlug: string,
	branchSlug: string,
	now: Date
): Promise<BranchTimes | null> {
	const service = await serviceBySlug(serviceSlug);
	if (!service) return null;
	const from = earliest(now, service);
	const branch = (await branchesFor(service.id, from)).find((b) => b.slug === branchSlug);
	if (!branch) return null;
	const slots = await freeSlots(service.id, branch.id, from, horizonEnd(now, service));
	const days: BranchTimes['days'] = [];
	for (const slot of slots) {
		const local = toPrague(slot.startsAt);
		const date = isoDate(local.year, local.month, local.day);
		let day = days.find((d) => d.date === date);
		if (!day) days.push((day = { date, times: [] }));
		day.times.push({
			slotId: slot.id,
			time: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
		});
	}
	return {
		service,
		branch: {
			id: branch.id,
			slug: branch.slug,
			name: branch.name,
			address: `${branch.street}, ${branch.postcode} ${branch.city}`,
			nextFreeDate: branch.nextFree ? pragueDate(branch.nextFree) : null
		},
		days
	};
}

export interface HoldView {
	service: { slug: string; needsProceeding: boolean; checklistSlug: string | null };
	branch: { slug: string; name: string; address: string };
	startsAt: Date;
	expiresAt: Date;
	/** Seconds of the hold left at `now` (the page's countdown starts from it). */
	remainingSeconds: number;
	details: Record<string, string | null> | null;
}

/** The live hold behind the cookie, if it is for this action and branch. */
export async function holdFor(
	token: string | undefined,
	serviceSlug: string,
	branchSlug: string,
	now: Date
): Promise<HoldView | null> {
	if (!token || !TOKEN_PATTERN.test(token)) return null;
	const hold = await findHold(hashToken(token), now);
	if (!hold) return null;
	const service = await serviceBySlug(serviceSlug);
	if (!service || service.id !== hold.serviceId) return null;
	const branch = await branchAddress(hold.branchId);
	if (branch.slug !== branchSlug) return null;
	return {
		service: {
			slug: service.slug,
			needsProceeding: service.needsProceeding,
			checklistSlug: service.checklistSlug
		},
		branch: {
			slug: branch.slug,
			name: branch.name,
			address: `${branch.street}, ${branch.postcode} ${branch.city}`
		},
		startsAt: hold.startsAt,
		expiresAt: hold.expiresAt,
		remainingSeconds: Math.max(0, Math.floor((hold.expiresAt.getTime() - now.getTime()) / 1000)),
		details: hold.details
	};
}

/**
 * One identity may fill in its details on at most 5 holds a day, whatever addresses they come
 * from: an intermediary booking (and re-booking) seats in one client's name is slowed down.
 */
const IDENTITY_LIMITS = [{ name: 'details:person', points: 5, durationSeconds: 24 * 3600 }];

/**
 * Keeps the validated details on the hold until confirmation, within the per-identity limit;
 * `expired` when the hold ran out meanwhile.
 */
export async function keepDetails(
	token: string,
	details: BookingDetails,
	who: { secret: string; now: Date }
): Promise<'kept' | 'expired' | { throttledSeconds: number }> {
	const person = personKey(who.secret, details.documentNumber, details.birthDate);
	const limit = await new Limits(getDb(), IDENTITY_LIMITS).consume({
		'details:person': limitKey(who.secret, 'details:person', person)
	});
	if (!limit.allowed) {
		track('booking_refused', null, { reason: 'throttled' });
		return { throttledSeconds: limit.retryAfterSeconds };
	}
	return (await saveHoldDetails(hashToken(token), { ...details }, who.now)) ? 'kept' : 'expired';
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

async function perAddress(
	names: AddressLimit[],
	who: { clientAddress: string; secret: string }
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
	return new Limits(getDb(), ADDRESS_LIMITS).consume(
		Object.fromEntries(names.map((name) => [name, limitKey(who.secret, name, who.clientAddress)]))
	);
}

export interface Visitor {
	clientAddress: string;
	secret: string;
	now: Date;
}

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
	return offer.offered ? holdSlot(slotId, who.now, serviceSlug, branchSlug) : { kind: 'full' };
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
