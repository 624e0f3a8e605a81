// Fair release (issue 13): scarce times are given by one published, verifiable draw among
// everyone who entered within a window, instead of to whoever is fastest (docs/adr/0009).
import { createHmac, randomBytes } from 'node:crypto';
import { AccessDenied, requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { track } from '../insights/insights.service';
import { limitKey, Limits } from '../rate-limit/limiter';
import { PROOF_USE, proofReused, proofUse, readProof } from '../security/proof-of-work';
import { TOKEN_PATTERN, hashToken, newToken } from '../security/tokens';
import { errorFacts, log } from '../log';
import { branchById } from '../booking/schedule.service';
import {
	LATE_CANCELLATION_RULE,
	PERSON_LIMIT,
	newReference,
	personKey
} from '../booking/bookings.service';
import type { BookingDetails } from '../booking/bookings.service';
import { commitmentOf, drawKey, drawOrder } from '../../draw-order';
import { allocate, type Refusal } from './allocation';
import type { DrawMatch, DrawOutcome, DrawPreferences } from './draw.schema';
import {
	changeEntry,
	currentReleases,
	dueReleases,
	entryCounts,
	findEntry,
	findRelease,
	givenByMatch,
	enterEntry,
	inDrawTransaction,
	insertRelease,
	publishedOrder,
	recentRelease,
	releasesOfBranch,
	seatTotals,
	seatsOfRelease,
	withdrawEntry,
	type DrawTx,
	type ReleaseRecord
} from './releases.repository';
import { enteredMail, resultMessages } from './draw-mail';

// ---- Staff ----------------------------------------------------------------------------------

/** Branch staff for their own branches; admins for every branch. */
function requireReleaseAccess(actor: Actor | null, branchId: number): Actor {
	const staff = requireRole(actor, 'branch_staff', 'admin');
	if (!staff.roles.has('admin') && !staff.branchIds.includes(branchId)) {
		throw new AccessDenied(['branch_staff', 'admin']);
	}
	return staff;
}

export interface NewRelease {
	serviceId: number;
	fromDate: string;
	toDate: string;
	opensAt: Date;
	closesAt: Date;
	drawAt: Date;
	phoneSharePercent: number;
}

export type CreateResult =
	| { kind: 'created'; id: number; slots: number; seats: number }
	| { kind: 'not_offered' }
	| { kind: 'no_seats' }
	| { kind: 'not_found' };

/** Creates a release: a fresh 32-byte seed, its commitment, and the seats taken out of the race. */
export async function createRelease(
	actor: Actor | null,
	branchId: number,
	input: NewRelease,
	now: Date
): Promise<CreateResult> {
	const staff = requireReleaseAccess(actor, branchId);
	const branch = await branchById(branchId);
	if (!branch) return { kind: 'not_found' };
	if (!branch.services.some((s) => s.id === input.serviceId)) return { kind: 'not_offered' };
	const seed = new Uint8Array(randomBytes(32));
	const made = await insertRelease({
		branchId,
		...input,
		seed,
		commitment: commitmentOf(seed),
		createdBy: staff.userId,
		now
	});
	await audit(
		staff,
		{
			action: 'release.create',
			subjectType: 'release',
			subjectId: String(made.id),
			reason: '/staff/[branch]/releases'
		},
		now
	);
	return made.seats === 0 ? { kind: 'no_seats' } : { kind: 'created', ...made };
}

export interface StaffReleaseView {
	id: number;
	serviceSlug: string;
	fromDate: string;
	toDate: string;
	opensAt: Date;
	closesAt: Date;
	drawAt: Date;
	phoneSharePercent: number;
	commitment: string;
	/** Revealed only once drawn. */
	seedHex: string | null;
	drawnAt: Date | null;
	/** Counts only: never identities before (or after) the draw. */
	counts: Record<string, number>;
	seats: { slots: number; seats: number; given: number };
	bySlot: { startsAt: Date; seats: number; given: number }[];
	/** Once drawn: seats given by which of the entrants' wishes they met. */
	byWish: Record<DrawMatch, number> | null;
}

export async function staffReleases(
	actor: Actor | null,
	branchId: number
): Promise<StaffReleaseView[]> {
	requireReleaseAccess(actor, branchId);
	const list = await releasesOfBranch(branchId);
	return Promise.all(
		list.map(async (r) => ({
			id: r.id,
			serviceSlug: r.serviceSlug,
			fromDate: r.fromDate,
			toDate: r.toDate,
			opensAt: r.opensAt,
			closesAt: r.closesAt,
			drawAt: r.drawAt,
			phoneSharePercent: r.phoneSharePercent,
			commitment: r.commitment,
			seedHex: r.drawnAt ? Buffer.from(r.seed).toString('hex') : null,
			drawnAt: r.drawnAt,
			counts: await entryCounts(r.id),
			seats: await seatTotals(r.id),
			bySlot: r.drawnAt ? await seatsOfRelease(r.id) : [],
			byWish: r.drawnAt ? await givenByMatch(r.id) : null
		}))
	);
}

/** The staff's releases page: the branch with its actions, and its releases. */
export async function releasePage(
	actor: Actor | null,
	branchId: number
): Promise<{
	branch: { id: number; name: string; services: { id: number; slug: string }[] };
	releases: StaffReleaseView[];
} | null> {
	requireReleaseAccess(actor, branchId);
	const branch = await branchById(branchId);
	if (!branch) return null;
	return {
		branch: { id: branch.id, name: branch.name, services: branch.services },
		releases: await staffReleases(actor, branchId)
	};
}

/** Staff start a due draw at once instead of waiting for the runner; audited. */
export async function drawNow(
	actor: Actor | null,
	branchId: number,
	releaseId: number,
	site: Site,
	now: Date
): Promise<'drawn' | 'nothing'> {
	const staff = requireReleaseAccess(actor, branchId);
	const release = await findRelease(releaseId);
	if (!release || release.branchId !== branchId) return 'nothing';
	const result = await runDraw(releaseId, site, now);
	if (result)
		await audit(
			staff,
			{
				action: 'release.draw',
				subjectType: 'release',
				subjectId: String(releaseId),
				reason: '/staff/[branch]/releases'
			},
			now
		);
	return result ? 'drawn' : 'nothing';
}

// ---- Public: the release page and entering ---------------------------------------------

export type WindowState = 'upcoming' | 'open' | 'closed' | 'drawn';

export function windowState(
	r: Pick<ReleaseRecord, 'opensAt' | 'closesAt' | 'drawnAt'>,
	now: Date
): WindowState {
	if (r.drawnAt) return 'drawn';
	if (now < r.opensAt) return 'upcoming';
	return now < r.closesAt ? 'open' : 'closed';
}

export interface ReleaseNotice {
	id: number;
	fromDate: string;
	toDate: string;
	opensAt: Date;
	closesAt: Date;
	drawAt: Date;
	state: WindowState;
}

const notice = (r: ReleaseRecord, now: Date): ReleaseNotice => ({
	id: r.id,
	fromDate: r.fromDate,
	toDate: r.toDate,
	opensAt: r.opensAt,
	closesAt: r.closesAt,
	drawAt: r.drawAt,
	state: windowState(r, now)
});

/** What the branch page of an action says about its releases. */
export async function releaseNotices(
	branchId: number,
	serviceId: number,
	now: Date
): Promise<ReleaseNotice[]> {
	return (await currentReleases(branchId, serviceId, now)).map((r) => notice(r, now));
}

export interface PublicRelease extends ReleaseNotice {
	serviceSlug: string;
	needsProceeding: boolean;
	branch: { slug: string; name: string; address: string };
	/** Published from the window's opening. */
	commitment: string | null;
	entries: number;
	/** After the draw: the seed and every entry's public id with its key, in drawn order. */
	result: {
		seedHex: string;
		order: { publicId: string; key: string }[];
		given: number;
		waitlisted: number;
		/** Seats given by which of the entrants' wishes they met, and seats not given. */
		byWish: Record<DrawMatch, number>;
		notGiven: number;
	} | null;
}

export async function publicRelease(id: number, now: Date): Promise<PublicRelease | null> {
	const r = await findRelease(id);
	if (!r) return null;
	const state = windowState(r, now);
	const counts = await entryCounts(id);
	let result: PublicRelease['result'] = null;
	if (r.drawnAt) {
		const order = await publishedOrder(id);
		const seats = await seatTotals(id);
		result = {
			seedHex: Buffer.from(r.seed).toString('hex'),
			order: order.map((publicId) => ({ publicId, key: drawKey(r.seed, publicId) })),
			given: counts.won ?? 0,
			waitlisted: counts.waitlisted ?? 0,
			byWish: await givenByMatch(id),
			notGiven: seats.seats - seats.given
		};
	}
	const entries = Object.entries(counts)
		.filter(([k]) => k !== 'withdrawn')
		.reduce((sum, [, n]) => sum + n, 0);
	return {
		...notice(r, now),
		serviceSlug: r.serviceSlug,
		needsProceeding: r.needsProceeding,
		branch: {
			slug: r.branch.slug,
			name: r.branch.name,
			address: `${r.branch.street}, ${r.branch.postcode} ${r.branch.city}`
		},
		commitment: state === 'upcoming' ? null : r.commitment,
		entries,
		result
	};
}

export interface EntryValues {
	details: BookingDetails;
	locale: string;
	preferences: DrawPreferences;
}

export interface Site {
	secret: string;
	origin: string;
}

export type EnterResult =
	| { kind: 'entered' | 'changed'; token: string }
	| { kind: 'closed' }
	| { kind: 'already_booked' }
	| { kind: 'proof_failed' }
	| { kind: 'throttled'; retryAfterSeconds: number }
	| { kind: 'not_found' };

/** Per address: entries from one place (keyed hash); without proof of work a smaller budget. */
const entryLimits = new Limits([
	PROOF_USE,
	{ name: 'draw:addr', points: 20, durationSeconds: 10 * 60 },
	{ name: 'draw:nojs', points: 3, durationSeconds: 3600 }
]);

/**
 * The release as entering needs it, kept for a few seconds (`recentRelease`): under a rush every
 * entry would otherwise read the same row. Only what does not change is used from it (the window,
 * the action, the branch); the draw having happened meanwhile is checked by the entry's statement.
 */
export async function releaseForEntry(id: number): Promise<ReleaseRecord | null> {
	return recentRelease(id, 5_000);
}

/**
 * Enters (or, for the same identity, replaces) an entry while the window is open. Someone with
 * an active booking for the action cannot enter. A proof of work as for a hold (docs/adr/0004).
 * One round trip: the throttle, the entry and its e-mail in one statement (`enterEntry`).
 */
export async function enterDraw(
	releaseId: number,
	values: EntryValues,
	who: { clientAddress: string; proof: string | null; now: Date } & Site
): Promise<EnterResult> {
	const release = await releaseForEntry(releaseId);
	if (!release) return { kind: 'not_found' };
	if (windowState(release, who.now) !== 'open') return { kind: 'closed' };
	// The proof's single use is counted in the entry's statement, with the address limits.
	const proof = readProof(who.proof, who.secret);
	if (proof.kind === 'invalid') return { kind: 'proof_failed' };
	const key = (name: string) => limitKey(who.secret, name, who.clientAddress);
	const throttle = entryLimits.within(
		'throttle',
		proof.kind === 'valid'
			? { ...proofUse(proof), 'draw:addr': key('draw:addr') }
			: { 'draw:addr': key('draw:addr'), 'draw:nojs': key('draw:nojs') }
	);
	const token = newToken();
	const { phone: _phone, ...details } = values.details;
	const { outcome, counters } = await enterEntry(
		release,
		{
			...details,
			locale: values.locale,
			preferences: values.preferences,
			personKey: personKey(who.secret, details.documentNumber, details.birthDate),
			publicId: randomBytes(9).toString('base64url'),
			tokenHash: hashToken(token)
		},
		enteredMail(release, { email: details.email, locale: values.locale }, token, who.origin),
		throttle,
		who.now
	);
	if (proofReused(counters)) return { kind: 'proof_failed' };
	if (outcome === 'throttled') {
		const limit = throttle.verdict(counters);
		return { kind: 'throttled', retryAfterSeconds: limit.allowed ? 1 : limit.retryAfterSeconds };
	}
	if (outcome === 'already_booked') {
		track('draw_entry', values.locale, { step: 'refused_booked' });
		return { kind: 'already_booked' };
	}
	if (outcome === 'closed') return { kind: 'closed' };
	track('draw_entry', values.locale, { step: outcome });
	return { kind: outcome, token };
}

export interface EntryView {
	release: PublicRelease;
	publicId: string;
	fullName: string;
	email: string;
	locale: string;
	preferences: DrawPreferences;
	state: 'entered' | 'withdrawn' | DrawOutcome;
	position: number | null;
	waitlistPlace: number | null;
	/** The booking's own link token, when the draw gave a seat. */
	bookingToken: string | null;
	canChange: boolean;
}

/** The booking's link token of a won entry: derived, so a restarted draw gives the same link. */
export function drawBookingToken(secret: string, entryId: string): string {
	return createHmac('sha256', secret)
		.update(`draw-booking\u0000${entryId}`)
		.digest('base64url')
		.slice(0, 27);
}

export async function entryByToken(
	token: string,
	secret: string,
	now: Date
): Promise<EntryView | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const entry = await findEntry(hashToken(token));
	if (!entry) return null;
	const release = (await publicRelease(entry.releaseId, now))!;
	const state = entry.withdrawnAt ? 'withdrawn' : (entry.outcome ?? 'entered');
	return {
		release,
		publicId: entry.publicId,
		fullName: entry.fullName,
		email: entry.email,
		locale: entry.locale,
		preferences: entry.preferences,
		state,
		position: entry.position,
		waitlistPlace: entry.waitlistPlace,
		bookingToken: entry.bookingId ? drawBookingToken(secret, entry.id) : null,
		canChange: state === 'entered' && release.state === 'open'
	};
}

export async function changeDrawEntry(
	token: string,
	change: { fullName: string; email: string; locale: string; preferences: DrawPreferences },
	now: Date
): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	const changed = await changeEntry(hashToken(token), change, now);
	if (changed) track('draw_entry', change.locale, { step: 'changed' });
	return changed;
}

export async function withdrawDrawEntry(token: string, now: Date): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	const done = await withdrawEntry(hashToken(token), now);
	if (done) track('draw_entry', null, { step: 'withdrawn' });
	return done;
}

// ---- The draw -------------------------------------------------------------------------------

export interface DrawReport {
	releaseId: number;
	entries: number;
	given: number;
	waitlisted: number;
	skipped: Record<Refusal, number>;
}

function refusalOf(s: { booked: boolean; recent: number; late: number }): Refusal | null {
	// The order confirmHold checks them in: the limit, the late-cancellation pause, then one active.
	if (s.recent >= PERSON_LIMIT.bookings) return 'limit';
	if (s.late >= LATE_CANCELLATION_RULE.max) return 'late_cancellations';
	return s.booked ? 'already_booked' : null;
}

/**
 * Makes the draw of one release whose time has come, in one transaction (releases.repository
 * `inDrawTransaction`): the order from the seed, the seats in that order under the booking
 * rules, bookings and e-mails, the waiting list. Null when another runner has it or it is done.
 * `hooks.afterAllocation` exists for the crash test.
 */
export async function runDraw(
	releaseId: number,
	site: Site,
	now: Date,
	hooks: { afterAllocation?: (tx: DrawTx) => Promise<void> } = {}
): Promise<DrawReport | null> {
	const report = await inDrawTransaction(releaseId, now, async (q) => {
		const entries = await q.entries();
		const byPublicId = new Map(entries.map((e) => [e.publicId, e]));
		const ordered = drawOrder(
			q.release.seed,
			entries.map((e) => e.publicId)
		).map((id) => byPublicId.get(id)!);
		const pool = await q.pool();
		const rules = {
			windowStart: new Date(now.getTime() - PERSON_LIMIT.days * 86_400_000),
			lateWindowStart: new Date(now.getTime() - LATE_CANCELLATION_RULE.days * 86_400_000),
			lateHoursBefore: LATE_CANCELLATION_RULE.hoursBefore
		};
		const refused = new Map<string, Refusal>();
		const note = (
			states: { personKey: string; booked: boolean; recent: number; late: number }[]
		) => {
			for (const s of states) {
				const r = refusalOf(s);
				if (r) refused.set(s.personKey, r);
			}
		};
		note(
			await q.personStates(
				ordered.map((e) => e.personKey),
				rules
			)
		);
		let allocation = allocate(ordered, pool, refused);
		// Lock the winners as a confirmation does, then look again: someone who booked meanwhile is
		// skipped and the seats given anew (rarely more than once round).
		const locked = new Set<string>();
		for (;;) {
			const winners = allocation
				.filter((a) => a.outcome === 'won')
				.map((a) => ordered[a.position - 1]!.personKey)
				.filter((k) => !locked.has(k));
			if (winners.length === 0) break;
			await q.lockPeople(winners);
			for (const k of winners) locked.add(k);
			const before = refused.size;
			note(await q.personStates(winners, rules));
			if (refused.size === before) break;
			allocation = allocate(ordered, pool, refused);
		}
		await hooks.afterAllocation?.(q);
		const slotTimes = new Map(pool.map((s) => [s.slotId, s.startsAt]));
		const entryById = new Map(entries.map((e) => [e.id, e]));
		const won = allocation.filter((a) => a.outcome === 'won');
		const winners = won.map((a) => ({
			entryId: a.entryId,
			slotId: a.slotId!,
			reference: newReference(),
			tokenHash: Buffer.from(hashToken(drawBookingToken(site.secret, a.entryId))).toString('hex')
		}));
		const references = new Map(winners.map((w) => [w.entryId, w.reference]));
		await q.write(
			{
				winners,
				outcomes: allocation.map((a) => ({
					entryId: a.entryId,
					position: a.position,
					outcome: a.outcome,
					matched: a.matched
				})),
				mails: () =>
					resultMessages(
						q.release,
						allocation.map((a) => ({
							entry: entryById.get(a.entryId)!,
							outcome: a.outcome,
							reference: references.get(a.entryId) ?? null,
							startsAt: a.slotId ? slotTimes.get(a.slotId)! : null,
							bookingToken: a.outcome === 'won' ? drawBookingToken(site.secret, a.entryId) : null
						})),
						site.origin
					)
			},
			now
		);
		const skipped = { already_booked: 0, limit: 0, late_cancellations: 0 };
		for (const a of allocation) if (a.outcome in skipped) skipped[a.outcome as Refusal]++;
		return {
			releaseId,
			entries: entries.length,
			given: won.length,
			waitlisted: allocation.filter((a) => a.outcome === 'waitlisted').length,
			skipped,
			serviceSlug: q.release.serviceSlug,
			branchSlug: q.release.branch.slug
		};
	});
	if (!report) return null;
	const { serviceSlug, branchSlug, ...rest } = report;
	track('draw_result', null, {
		service: serviceSlug,
		branch: branchSlug,
		entries: rest.entries,
		given: rest.given,
		waitlisted: rest.waitlisted,
		skipped: rest.skipped.already_booked + rest.skipped.limit + rest.skipped.late_cancellations
	});
	log.info({ releaseId, given: rest.given, entries: rest.entries }, 'draw made');
	return rest;
}

/** Every instance runs this every few seconds: due draws are made once, by whoever gets them. */
export async function runDueDraws(site: Site, now: Date): Promise<DrawReport[]> {
	const done: DrawReport[] = [];
	for (const id of await dueReleases(now)) {
		try {
			const report = await runDraw(id, site, now);
			if (report) done.push(report);
		} catch (error) {
			log.error({ releaseId: id, err: errorFacts(error) }, 'draw failed; retried on the next run');
		}
	}
	return done;
}
