import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { p, resultRows } from '../db/rows';
import { branches, services } from '../booking/booking.schema';
import { slots } from '../booking/schedule.schema';
import type { OutboxMessage } from '../mail/outbox.repository';
import { executeThrottled, type LimitRow, type ThrottleClause } from '../rate-limit/limiter';
import {
	drawEntries,
	releaseSeats,
	releases,
	type DrawMatch,
	type DrawOutcome,
	type DrawPreferences
} from './draw.schema';

const iso = (d: Date) => d.toISOString();

export interface ReleaseRecord {
	id: number;
	branchId: number;
	serviceId: number;
	serviceSlug: string;
	needsProceeding: boolean;
	branch: { slug: string; name: string; street: string; postcode: string; city: string };
	fromDate: string;
	toDate: string;
	opensAt: Date;
	closesAt: Date;
	drawAt: Date;
	phoneSharePercent: number;
	commitment: string;
	seed: Uint8Array;
	drawnAt: Date | null;
}

const releaseColumns = {
	id: releases.id,
	branchId: releases.branchId,
	serviceId: releases.serviceId,
	serviceSlug: services.slug,
	needsProceeding: services.needsProceeding,
	branchSlug: branches.slug,
	branchName: branches.name,
	street: branches.street,
	postcode: branches.postcode,
	city: branches.city,
	fromDate: releases.fromDate,
	toDate: releases.toDate,
	opensAt: releases.opensAt,
	closesAt: releases.closesAt,
	drawAt: releases.drawAt,
	phoneSharePercent: releases.phoneSharePercent,
	commitment: releases.commitment,
	seed: releases.seed,
	drawnAt: releases.drawnAt
};

function toRecord(row: {
	branchSlug: string;
	branchName: string;
	street: string;
	postcode: string;
	city: string;
	[k: string]: unknown;
}): ReleaseRecord {
	const { branchSlug, branchName, street, postcode, city, ...rest } = row;
	return {
		...(rest as Omit<ReleaseRecord, 'branch'>),
		branch: { slug: branchSlug, name: branchName, street, postcode, city }
	};
}

function releaseQuery() {
	return getDb()
		.select(releaseColumns)
		.from(releases)
		.innerJoin(services, eq(services.id, releases.serviceId))
		.innerJoin(branches, eq(branches.id, releases.branchId));
}

export async function findRelease(id: number): Promise<ReleaseRecord | null> {
	const [row] = await releaseQuery().where(eq(releases.id, id));
	return row ? toRecord(row) : null;
}

const recent = new WeakMap<object, Map<number, { record: ReleaseRecord | null; until: number }>>();

/** `findRelease`, read again only when the copy read from this database is older than `maxAgeMs`. */
export async function recentRelease(id: number, maxAgeMs: number): Promise<ReleaseRecord | null> {
	const at = Date.now();
	const database = getDb();
	let kept = recent.get(database);
	if (!kept) recent.set(database, (kept = new Map()));
	const found = kept.get(id);
	if (found && found.until > at) return found.record;
	const record = await findRelease(id);
	if (kept.size > 1000) kept.clear();
	kept.set(id, { record, until: at + maxAgeMs });
	return record;
}

/** A branch's releases, newest first. */
export async function releasesOfBranch(branchId: number): Promise<ReleaseRecord[]> {
	const rows = await releaseQuery()
		.where(eq(releases.branchId, branchId))
		.orderBy(sql`${releases.drawAt} desc`);
	return rows.map(toRecord);
}

/** Releases of an action at a branch not drawn yet, or drawn within the last week, by draw time. */
export async function currentReleases(
	branchId: number,
	serviceId: number,
	now: Date
): Promise<ReleaseRecord[]> {
	const rows = await releaseQuery()
		.where(
			and(
				eq(releases.branchId, branchId),
				eq(releases.serviceId, serviceId),
				sql`(${releases.drawnAt} is null or ${releases.drawnAt} > ${iso(now)}::timestamptz - interval '7 days')`
			)
		)
		.orderBy(asc(releases.drawAt));
	return rows.map(toRecord);
}

/**
 * Records a release and takes its seats out of first-come booking in ONE transaction: every free
 * seat of the branch's slots for the action on those dates that starts after the draw (and its
 * lead time) is counted in `slots.booked` — the share kept for the hotline and the counter in
 * `slots.reserved` (only they can take it, `takeSeat`), the rest in `release_seats` for the draw.
 * Slots already in an undrawn release are left to it.
 */
export async function insertRelease(input: {
	branchId: number;
	serviceId: number;
	fromDate: string;
	toDate: string;
	opensAt: Date;
	closesAt: Date;
	drawAt: Date;
	phoneSharePercent: number;
	seed: Uint8Array;
	commitment: string;
	createdBy: string;
	now: Date;
}): Promise<{ id: number; slots: number; seats: number }> {
	return getDb().transaction(async (tx) => {
		const { now, ...values } = input;
		const [row] = await tx
			.insert(releases)
			.values({ ...values, createdAt: now })
			.returning({ id: releases.id });
		const id = row!.id;
		const taken = resultRows<{ seats: number }>(
			await tx.execute(sql`
				with share as (
					select s.id, s.capacity - s.booked as free,
						-- The share is of the slot's capacity; seats it already keeps count towards it.
						least(s.capacity - s.booked,
							greatest(0, floor(s.capacity * ${input.phoneSharePercent} / 100.0)::int - s.reserved)) as reserve
					from slots s join services v on v.id = s.service_id
					where s.branch_id = ${input.branchId} and s.service_id = ${input.serviceId}
						and (s.starts_at at time zone 'Europe/Prague')::date between ${input.fromDate}::date and ${input.toDate}::date
						and s.starts_at >= ${iso(input.drawAt)}::timestamptz + make_interval(hours => v.min_lead_hours)
						and not exists (
							select 1 from release_seats rs join releases r on r.id = rs.release_id
							where rs.slot_id = s.id and r.drawn_at is null and r.id <> ${id}
						)
					for update of s
				), taken as (
					update slots s set booked = s.booked + p.free, reserved = s.reserved + p.reserve
					from share p
					where s.id = p.id and p.free > 0
					returning s.id, p.free - p.reserve as seats
				)
				insert into release_seats (release_id, slot_id, seats)
				select ${id}, id, seats from taken where seats > 0
				returning seats`)
		);
		return { id, slots: taken.length, seats: taken.reduce((sum, r) => sum + Number(r.seats), 0) };
	});
}

export async function seatTotals(
	releaseId: number
): Promise<{ slots: number; seats: number; given: number }> {
	const [row] = await getDb()
		.select({
			slots: sql<number>`count(*)::int`,
			seats: sql<number>`coalesce(sum(${releaseSeats.seats}), 0)::int`,
			given: sql<number>`coalesce(sum(${releaseSeats.given}), 0)::int`
		})
		.from(releaseSeats)
		.where(eq(releaseSeats.releaseId, releaseId));
	return row ?? { slots: 0, seats: 0, given: 0 };
}

/** Counts by state, never identities: live entries before the draw, outcomes after it. */
export async function entryCounts(releaseId: number): Promise<Record<string, number>> {
	const rows = await getDb()
		.select({
			state: sql<string>`case when ${drawEntries.withdrawnAt} is not null then 'withdrawn' else coalesce(${drawEntries.outcome}, 'entered') end`,
			n: sql<number>`count(*)::int`
		})
		.from(drawEntries)
		.where(eq(drawEntries.releaseId, releaseId))
		.groupBy(sql`1`);
	return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Seats given by which of the entrants' wishes they met (recorded at the draw). */
export async function givenByMatch(releaseId: number): Promise<Record<DrawMatch, number>> {
	const rows = await getDb()
		.select({ matched: drawEntries.matched, n: sql<number>`count(*)::int` })
		.from(drawEntries)
		.where(and(eq(drawEntries.releaseId, releaseId), eq(drawEntries.outcome, 'won')))
		.groupBy(drawEntries.matched);
	const counts: Record<DrawMatch, number> = { any: 0, weekday: 0, part: 0, weekday_part: 0 };
	for (const r of rows) if (r.matched) counts[r.matched] = r.n;
	return counts;
}

/** Seats given per slot, with its time (the staff's result table). */
export async function seatsOfRelease(
	releaseId: number
): Promise<{ slotId: number; startsAt: Date; seats: number; given: number }[]> {
	return getDb()
		.select({
			slotId: releaseSeats.slotId,
			startsAt: slots.startsAt,
			seats: releaseSeats.seats,
			given: releaseSeats.given
		})
		.from(releaseSeats)
		.innerJoin(slots, eq(slots.id, releaseSeats.slotId))
		.where(eq(releaseSeats.releaseId, releaseId))
		.orderBy(asc(slots.startsAt));
}

export interface EntryInput {
	fullName: string;
	birthDate: string;
	nationality: string;
	documentNumber: string;
	email: string;
	proceedingNumber: string | null;
	locale: string;
	preferences: DrawPreferences;
}

/**
 * Enters in ONE statement (one round trip per entry, issue 13's rush): the throttle's counters
 * (`throttle`, from `Limits.within`, in a `with` clause named `throttle`) are counted first, and
 * nothing is written past them; refused when the person has an active booking for the action;
 * otherwise one entry per identity per release (unique
 * index) — entering again replaces the details, the times and the link, keeps the public id, and
 * adds no chance — only while the release is not drawn; the e-mail with the private link goes
 * into the outbox in the same statement, only when the entry was written. `changed` tells a new
 * entry from a replaced one.
 */
export async function enterEntry(
	release: { id: number; serviceId: number },
	entry: EntryInput & { personKey: string; publicId: string; tokenHash: Uint8Array },
	mail: OutboxMessage,
	throttle: ThrottleClause,
	now: Date
): Promise<{
	outcome: 'entered' | 'changed' | 'closed' | 'already_booked' | 'throttled';
	counters: LimitRow[];
}> {
	const row = await executeThrottled<{
		allowed: boolean;
		booked: boolean;
		inserted: boolean | null;
	}>(
		'draw-entry',
		throttle,
		(allowed) => ({
			ctes: sql`booked as (
				select exists (
					select 1 from bookings b where b.person_key = ${p.personKey}
						and b.service_id = ${p.serviceId} and b.cancelled_at is null
						and b.completed_at is null and b.no_show_at is null
				) as yes
			), entry as (
				insert into draw_entries (release_id, public_id, token_hash, person_key, full_name, birth_date,
					nationality, document_number, email, proceeding_number, locale, preferences, created_at, updated_at)
				select ${p.releaseId}::int, ${p.publicId}, ${p.tokenHash}::bytea, ${p.personKey}, ${p.fullName},
					${p.birthDate}::date, ${p.nationality}, ${p.documentNumber}, ${p.email},
					${p.proceedingNumber}, ${p.locale}, ${p.preferences}::jsonb,
					${p.now}::timestamptz, ${p.now}::timestamptz
				where ${allowed} and not (select yes from booked)
					and exists (select 1 from releases where id = ${p.releaseId}::int and drawn_at is null)
				on conflict (release_id, person_key) do update set
					token_hash = excluded.token_hash, full_name = excluded.full_name, birth_date = excluded.birth_date,
					nationality = excluded.nationality, document_number = excluded.document_number,
					email = excluded.email, proceeding_number = excluded.proceeding_number,
					locale = excluded.locale, preferences = excluded.preferences,
					updated_at = excluded.updated_at, withdrawn_at = null
				where draw_entries.position is null
				returning (xmax = 0) as inserted
			), mail as (
				insert into mail_outbox (to_address, subject, text_body, list_unsubscribe)
				select ${p.mailTo}, ${p.mailSubject}, ${p.mailText}, ${p.mailUnsubscribe} from entry
			)`,
			columns: sql`${allowed} as allowed, (select yes from booked) as booked,
				(select inserted from entry) as inserted`
		}),
		{
			personKey: entry.personKey,
			serviceId: release.serviceId,
			releaseId: release.id,
			publicId: entry.publicId,
			tokenHash: entry.tokenHash,
			fullName: entry.fullName,
			birthDate: entry.birthDate,
			nationality: entry.nationality,
			documentNumber: entry.documentNumber,
			email: entry.email,
			proceedingNumber: entry.proceedingNumber,
			locale: entry.locale,
			preferences: JSON.stringify(entry.preferences),
			now: iso(now),
			mailTo: mail.to,
			mailSubject: mail.subject,
			mailText: mail.text,
			mailUnsubscribe: mail.listUnsubscribe
		}
	);
	const counters = row.counters;
	const outcome = !row.allowed
		? 'throttled'
		: row.booked
			? 'already_booked'
			: row.inserted === null
				? 'closed'
				: row.inserted
					? 'entered'
					: 'changed';
	return { outcome, counters };
}

export interface EntryRecord {
	id: string;
	releaseId: number;
	publicId: string;
	fullName: string;
	email: string;
	locale: string;
	preferences: DrawPreferences;
	withdrawnAt: Date | null;
	position: number | null;
	outcome: DrawOutcome | null;
	bookingId: string | null;
	/** Place among those the draw sent to the waiting list (1 = first). */
	waitlistPlace: number | null;
}

export async function findEntry(tokenHash: Uint8Array): Promise<EntryRecord | null> {
	const [row] = await getDb()
		.select({
			id: drawEntries.id,
			releaseId: drawEntries.releaseId,
			publicId: drawEntries.publicId,
			fullName: drawEntries.fullName,
			email: drawEntries.email,
			locale: drawEntries.locale,
			preferences: drawEntries.preferences,
			withdrawnAt: drawEntries.withdrawnAt,
			position: drawEntries.position,
			outcome: drawEntries.outcome,
			bookingId: drawEntries.bookingId
		})
		.from(drawEntries)
		.where(eq(drawEntries.tokenHash, tokenHash));
	if (!row) return null;
	let waitlistPlace: number | null = null;
	if (row.outcome === 'waitlisted') {
		const [place] = await getDb()
			.select({ n: sql<number>`count(*)::int` })
			.from(drawEntries)
			.where(
				and(
					eq(drawEntries.releaseId, row.releaseId),
					eq(drawEntries.outcome, 'waitlisted'),
					sql`${drawEntries.position} <= ${row.position}`
				)
			);
		waitlistPlace = place!.n;
	}
	return { ...row, waitlistPlace };
}

/** Changes what may change (name, e-mail, language, times) before the draw; false otherwise. */
export async function changeEntry(
	tokenHash: Uint8Array,
	change: { fullName: string; email: string; locale: string; preferences: DrawPreferences },
	now: Date
): Promise<boolean> {
	const rows = await getDb()
		.update(drawEntries)
		.set({ ...change, updatedAt: now })
		.where(
			and(
				eq(drawEntries.tokenHash, tokenHash),
				isNull(drawEntries.position),
				isNull(drawEntries.withdrawnAt),
				sql`exists (select 1 from releases r where r.id = ${drawEntries.releaseId} and r.drawn_at is null and r.closes_at > ${iso(now)}::timestamptz)`
			)
		)
		.returning({ id: drawEntries.id });
	return rows.length === 1;
}

export async function withdrawEntry(tokenHash: Uint8Array, now: Date): Promise<boolean> {
	const rows = await getDb()
		.update(drawEntries)
		.set({ withdrawnAt: now, updatedAt: now })
		.where(
			and(
				eq(drawEntries.tokenHash, tokenHash),
				isNull(drawEntries.position),
				isNull(drawEntries.withdrawnAt),
				sql`exists (select 1 from releases r where r.id = ${drawEntries.releaseId} and r.drawn_at is null)`
			)
		)
		.returning({ id: drawEntries.id });
	return rows.length === 1;
}

/** The published result: every entry of the draw by its public id, in drawn order. */
export async function publishedOrder(releaseId: number): Promise<string[]> {
	const rows = await getDb()
		.select({ publicId: drawEntries.publicId })
		.from(drawEntries)
		.where(and(eq(drawEntries.releaseId, releaseId), sql`${drawEntries.position} is not null`))
		.orderBy(asc(drawEntries.position));
	return rows.map((r) => r.publicId);
}

/** Undrawn releases whose draw time has come. */
export async function dueReleases(now: Date): Promise<number[]> {
	const rows = await getDb()
		.select({ id: releases.id })
		.from(releases)
		.where(and(isNull(releases.drawnAt), sql`${releases.drawAt} <= ${iso(now)}::timestamptz`));
	return rows.map((r) => r.id);
}

// ---- The draw's transaction -------------------------------------------------------------

export interface DrawEntryRow {
	id: string;
	publicId: string;
	personKey: string;
	fullName: string;
	email: string;
	locale: string;
	preferences: DrawPreferences;
}

export interface PersonState {
	personKey: string;
	booked: boolean;
	recent: number;
	late: number;
}

export interface DrawWrites {
	winners: { entryId: string; slotId: number; reference: string; tokenHash: string }[];
	outcomes: {
		entryId: string;
		position: number;
		outcome: DrawOutcome;
		matched: DrawMatch | null;
	}[];
	mails: (bookingIds: Map<string, string>) => OutboxMessage[];
}

/** The queries the draw runs inside its one transaction. */
export interface DrawTx {
	release: ReleaseRecord;
	entries(): Promise<DrawEntryRow[]>;
	pool(): Promise<{ slotId: number; startsAt: Date; seats: number }[]>;
	/** Booking-rule state of these people (only those with anything to count). */
	personStates(
		keys: string[],
		rules: { windowStart: Date; lateWindowStart: Date; lateHoursBefore: number }
	): Promise<PersonState[]>;
	/** Serialises with any confirmation of the same people (the lock `confirmHold` takes). */
	lockPeople(keys: string[]): Promise<void>;
	write(writes: DrawWrites, now: Date): Promise<void>;
}

/**
 * Runs `work` for one undrawn release whose draw time has come, in ONE transaction holding the
 * release's row: a second runner (another instance, the same moment) skips the locked row and
 * finds nothing to do; a runner that dies rolls everything back and the next one starts again
 * from the same seed, to the same order. Returns null when there was nothing to do.
 */
export async function inDrawTransaction<T>(
	releaseId: number,
	now: Date,
	work: (q: DrawTx) => Promise<T>
): Promise<T | null> {
	return getDb().transaction(async (tx) => {
		const locked = resultRows<{ id: number }>(
			await tx.execute(sql`
				select id from releases where id = ${releaseId} and drawn_at is null
					and draw_at <= ${iso(now)}::timestamptz
				for update skip locked`)
		);
		if (locked.length === 0) return null;
		const [row] = await tx
			.select(releaseColumns)
			.from(releases)
			.innerJoin(services, eq(services.id, releases.serviceId))
			.innerJoin(branches, eq(branches.id, releases.branchId))
			.where(eq(releases.id, releaseId));
		const release = toRecord(row!);
		const q: DrawTx = {
			release,
			entries: () =>
				tx
					.select({
						id: drawEntries.id,
						publicId: drawEntries.publicId,
						personKey: drawEntries.personKey,
						fullName: drawEntries.fullName,
						email: drawEntries.email,
						locale: drawEntries.locale,
						preferences: drawEntries.preferences
					})
					.from(drawEntries)
					.where(and(eq(drawEntries.releaseId, releaseId), isNull(drawEntries.withdrawnAt))),
			pool: () =>
				tx
					.select({
						slotId: releaseSeats.slotId,
						startsAt: slots.startsAt,
						seats: releaseSeats.seats
					})
					.from(releaseSeats)
					.innerJoin(slots, eq(slots.id, releaseSeats.slotId))
					.where(eq(releaseSeats.releaseId, releaseId)),
			async personStates(keys, rules) {
				if (keys.length === 0) return [];
				return resultRows<PersonState>(
					await tx.execute(sql`
						select * from (
							select k.key as "personKey",
								exists (select 1 from bookings b where b.person_key = k.key and b.service_id = ${release.serviceId}
									and b.cancelled_at is null and b.completed_at is null and b.no_show_at is null) as booked,
								(select count(*) from bookings b where b.person_key = k.key
									and b.created_at >= ${iso(rules.windowStart)}::timestamptz and b.cancelled_at is null)::int as recent,
								(select count(*) from bookings b join slots s on s.id = b.slot_id where b.person_key = k.key
									and b.cancelled_by = 'person' and b.cancelled_at >= ${iso(rules.lateWindowStart)}::timestamptz
									and b.cancelled_at > s.starts_at - make_interval(hours => ${rules.lateHoursBefore}))::int as late
							from json_array_elements_text(${JSON.stringify(keys)}::json) as k(key)
							-- Most entrants have no booking at all: one index probe each decides that.
							where exists (select 1 from bookings b where b.person_key = k.key)
						) p where booked or recent > 0 or late > 0`)
				);
			},
			async lockPeople(keys) {
				// Sorted, so two draws sharing people take the locks in the same order.
				for (let i = 0; i < keys.length; i += 500) {
					await tx.execute(sql`
						select count(pg_advisory_xact_lock(hashtext(k.key)))
						from (select json_array_elements_text(${JSON.stringify([...keys].sort().slice(i, i + 500))}::json) as key) k`);
				}
			},
			async write(writes, at) {
				// Set-based, one statement for each kind of row whatever the number of entrants: the
				// bookings with the seats given and the unused ones back in the pool; every entry's
				// place and outcome with the left-over entrants onto the waiting list; the e-mails.
				const winners = writes.winners.map((w) => ({
					entry_id: w.entryId,
					slot_id: w.slotId,
					reference: w.reference,
					token_hash: w.tokenHash
				}));
				const made = resultRows<{ id: string; entry_id: string }>(
					await tx.execute(sql`
						with made as (
							insert into bookings (slot_id, branch_id, service_id, reference, token_hash, person_key,
								full_name, birth_date, nationality, document_number, email, phone, proceeding_number,
								locale, channel, idempotency_key, created_at)
							select x.slot_id, ${release.branchId}, ${release.serviceId}, x.reference, decode(x.token_hash, 'hex'),
								e.person_key, e.full_name, e.birth_date, e.nationality, e.document_number, e.email, null,
								e.proceeding_number, e.locale, 'web', 'draw:' || e.id, ${iso(at)}::timestamptz
							from json_to_recordset(${JSON.stringify(winners)}::json)
								as x(entry_id uuid, slot_id bigint, reference text, token_hash text)
							join draw_entries e on e.id = x.entry_id
							returning id, slot_id, substr(idempotency_key, 6) as entry_id
						), per_slot as (
							select rs.slot_id, rs.seats, count(m.id)::int as given
							from release_seats rs left join made m on m.slot_id = rs.slot_id
							where rs.release_id = ${releaseId}
							group by rs.slot_id, rs.seats
						), given as (
							update release_seats rs set given = p.given from per_slot p
							where rs.release_id = ${releaseId} and rs.slot_id = p.slot_id and p.given > 0
						), back as (
							-- Seats nobody was given go back to first-come booking.
							update slots s set booked = s.booked - (p.seats - p.given) from per_slot p
							where s.id = p.slot_id and p.seats > p.given
						)
						select id, entry_id from made`)
				);
				const bookingIds = new Map(made.map((m) => [m.entry_id, m.id]));
				const outcomes = writes.outcomes.map((o) => ({
					id: o.entryId,
					position: o.position,
					outcome: o.outcome,
					matched: o.matched,
					booking_id: bookingIds.get(o.entryId) ?? null
				}));
				// The waiting list is ordered by creation time: in drawn order, a microsecond apart.
				await tx.execute(sql`
					with placed as (
						update draw_entries e set position = x.position, outcome = x.outcome,
							matched = x.matched, booking_id = x.booking_id
						from json_to_recordset(${JSON.stringify(outcomes)}::json)
							as x(id uuid, position int, outcome text, matched text, booking_id uuid)
						where e.id = x.id
						returning e.email, e.locale, e.preferences, x.position, x.outcome
					)
					insert into waitlist_entries (service_id, branch_id, from_date, to_date, email, locale,
						priority, created_at, preferences)
					select ${release.serviceId}, ${release.branchId}, ${release.fromDate}::date, ${release.toDate}::date,
						p.email, p.locale, 0, ${iso(at)}::timestamptz + p.position * interval '1 microsecond', p.preferences
					from placed p where p.outcome = 'waitlisted'`);
				// One parameter for all the messages; the texts once each (everyone sent to the waiting
				// list in a language gets the same one), so the parameter stays small.
				const texts = new Map<string, number>();
				const bodies: { i: number; subject: string; text: string }[] = [];
				const mails = writes.mails(bookingIds).map((m) => {
					const key = `${m.subject}\u0000${m.text}`;
					let i = texts.get(key);
					if (i === undefined) {
						texts.set(key, (i = bodies.length));
						bodies.push({ i, subject: m.subject, text: m.text });
					}
					return { to: m.to, i };
				});
				await tx.execute(sql`
					insert into mail_outbox (to_address, subject, text_body)
					select x.to, b.subject, b.text
					from json_to_recordset(${JSON.stringify(mails)}::json) as x("to" text, i int)
					join json_to_recordset(${JSON.stringify(bodies)}::json) as b(i int, subject text, text text)
						on b.i = x.i`);
				await tx.update(releases).set({ drawnAt: at }).where(eq(releases.id, releaseId));
			}
		};
		return work(q);
	});
}
