// The booking offer, as the public pages and the agent's booking page show it: actions,
// branches with their next free day, free times, and the hold behind the visitor's cookie.
// Reads only; changes go through bookings.service.ts (and hold.service.ts for visitors).
import { addDays, fromPrague, isoDate, pragueDate, toPrague } from '../../time/prague';
import {
	activeServices,
	branchesFor,
	cachedActiveServices,
	freeSlots,
	type ServiceRow
} from './catalogue.repository';
import { TOKEN_PATTERN, hashToken } from '../security/tokens';
import { findHold, type HeldSlot } from './bookings.repository';
import type { Channel } from './bookings.schema';

/** The longest horizon any action may have (`services.horizon_days`), for the waitlist's range. */
export const MAX_HORIZON_DAYS = 365;

export type ServiceChoice = Omit<ServiceRow, 'id'>;

export async function listServices(): Promise<ServiceChoice[]> {
	return (await activeServices()).map(({ id: _id, ...rest }) => rest);
}

export async function serviceBySlug(slug: string): Promise<ServiceRow | null> {
	return (await cachedActiveServices()).find((s) => s.slug === slug) ?? null;
}

/** The action's first bookable instant (its lead time after `now`). */
export const earliest = (now: Date, service: Pick<ServiceRow, 'minLeadHours'>) =>
	new Date(now.getTime() + service.minLeadHours * 3_600_000);

/** The end of the action's bookable horizon: midnight in Prague after its last day. */
export function horizonEnd(now: Date, service: Pick<ServiceRow, 'horizonDays'>): Date {
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

const CZECH_ORDER = new Intl.Collator('cs');
/** The region of the Prague branches, listed first. */
export const PRAGUE_REGION = 'Praha';

export async function branchChoices(
	serviceSlug: string,
	now: Date,
	/** The hotline and the counter also see the seats kept for them. */
	channel: Channel = 'web'
): Promise<{
	service: ServiceChoice;
	regions: { region: string; branches: BranchOption[] }[];
} | null> {
	const service = await serviceBySlug(serviceSlug);
	if (!service) return null;
	const rows = await branchesFor(service.id, earliest(now, service), channel !== 'web');
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
	// Czech order (Č after C, Ch after H, Ú after U) with Prague first, whatever the database's
	// collation: the list a Czech office would print (issue 11, point 5).
	regions.sort(
		(a, b) =>
			Number(b.region === PRAGUE_REGION) - Number(a.region === PRAGUE_REGION) ||
			CZECH_ORDER.compare(a.region, b.region)
	);
	for (const region of regions) region.branches.sort((a, b) => CZECH_ORDER.compare(a.name, b.name));
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
	now: Date,
	/** The hotline and the counter also see the seats kept for them. */
	channel: Channel = 'web'
): Promise<BranchTimes | null> {
	const service = await serviceBySlug(serviceSlug);
	if (!service) return null;
	const from = earliest(now, service);
	const withReserve = channel !== 'web';
	const branch = (await branchesFor(service.id, from, withReserve)).find(
		(b) => b.slug === branchSlug
	);
	if (!branch) return null;
	const slots = await freeSlots(service.id, branch.id, from, horizonEnd(now, service), withReserve);
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

/**
 * The live hold behind the cookie as stored (`findHold`), if it is for this active action and
 * branch: what a confirmation needs to make the booking and its e-mail without reading it again.
 */
export async function heldFor(
	token: string | undefined,
	serviceSlug: string,
	branchSlug: string,
	now: Date
): Promise<HeldSlot | null> {
	if (!token || !TOKEN_PATTERN.test(token)) return null;
	const hold = await findHold(hashToken(token), now);
	if (!hold || hold.serviceSlug !== serviceSlug || hold.branch.slug !== branchSlug) return null;
	// An action switched off meanwhile takes no more bookings (the list is cached for 30 s).
	return (await serviceBySlug(serviceSlug)) ? hold : null;
}

/** The live hold behind the cookie, if it is for this action and branch, as its pages show it. */
export async function holdFor(
	token: string | undefined,
	serviceSlug: string,
	branchSlug: string,
	now: Date
): Promise<HoldView | null> {
	const hold = await heldFor(token, serviceSlug, branchSlug, now);
	const service = hold && (await serviceBySlug(serviceSlug));
	if (!hold || !service) return null;
	const branch = hold.branch;
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
