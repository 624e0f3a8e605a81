import { randomBytes } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { hashPassword } from '../accounts/password';
import type { EventKind, TypeCode } from '../proceedings/proceeding-number';
import type { Db } from './engine';
import {
	branches,
	branchServices,
	proceedingEvents,
	proceedings,
	scheduleRules,
	services,
	slots,
	staffBranches,
	staffRoles,
	staffUsers
} from './schema';
import { planSlots } from '../booking/slot-plan';
import { addDays, isoDate, toPrague } from '../../time/prague';
import { SEED_BRANCHES, SEED_DEMO_PROCEEDINGS, SEED_SERVICES, SEED_STAFF } from './seed-data';

export interface SeedOptions {
	/** The clock the synthetic histories are laid out against. */
	now?: Date;
	/** Password for every demo account; random per account when absent. */
	password?: string;
	proceedingCount?: number;
	/** PRNG seed, so the same options give the same data. */
	seed?: number;
	/**
	 * Weekly rules and four weeks of published slots at every branch (registration, and
	 * biometrics where taken, card pick-up elsewhere), so the demo can be booked at once.
	 */
	demoSlots?: boolean;
}

export interface SeededAccount {
	email: string;
	roles: string[];
	password: string;
}

export interface SeedResult {
	seeded: boolean;
	accounts: SeededAccount[];
}

/** The demo logins, for the console; printed once, by the start or command that created them. */
export function formatDemoAccounts(accounts: SeededAccount[]): string {
	const lines = accounts.map(
		(a) => `  ${a.email.padEnd(22)} ${a.password}   (${a.roles.join(', ')})`
	);
	return ['', 'Pobyt demo accounts (shown only now, when they are created):', ...lines, ''].join(
		'\n'
	);
}

/** Small deterministic PRNG (mulberry32): the demo data is the same on every machine. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
	};
}

const DAY = 86_400_000;

/** Type codes weighted roughly by how common they are. */
const WEIGHTED_TYPES: TypeCode[] = [
	'DP',
	'DP',
	'DP',
	'DP',
	'ZK',
	'ZK',
	'ZK',
	'TP',
	'TP',
	'PP',
	'PP',
	'ST',
	'ST',
	'DO',
	'DO',
	'MK',
	'DV',
	'ZM',
	'VP',
	'CD'
];

/** Where a synthetic proceeding has got to; each maps to a plausible event history. */
const OUTCOMES = [
	'processing',
	'processing',
	'processing',
	'suspended',
	'suspended',
	'resumed',
	'preliminary',
	'preliminary',
	'approved',
	'approved',
	'card_ready',
	'collected',
	'rejected',
	'stopped'
] as const;

interface SyntheticEvent {
	kind: EventKind;
	at: Date;
	details?: Record<string, string>;
}

function history(
	outcome: (typeof OUTCOMES)[number],
	filedAt: Date,
	now: Date,
	r: ReturnType<typeof prng>
): SyntheticEvent[] {
	const events: SyntheticEvent[] = [{ kind: 'filed', at: filedAt }];
	let t = filedAt.getTime();
	const step = (minDays: number, maxDays: number) => {
		t = Math.min(
			t + r.int(minDays, maxDays) * DAY + r.int(8, 15) * 3_600_000,
			now.getTime() - 3_600_000
		);
		return new Date(t);
	};
	const suspend = () => {
		const at = step(10, 40);
		const deadline = new Date(at.getTime() + 30 * DAY).toISOString().slice(0, 10);
		events.push({ kind: 'suspended', at, details: { reason: 'documents_requested', deadline } });
	};
	if (outcome === 'suspended') suspend();
	if (
		['resumed', 'preliminary', 'approved', 'card_ready', 'collected', 'rejected'].includes(
			outcome
		) &&
		r.next() < 0.5
	) {
		suspend();
		events.push({ kind: 'resumed', at: step(5, 30) });
	} else if (outcome === 'resumed') {
		suspend();
		events.push({ kind: 'resumed', at: step(5, 30) });
	}
	if (['preliminary', 'approved', 'card_ready', 'collected'].includes(outcome)) {
		events.push({ kind: 'preliminary_positive', at: step(20, 70) });
	}
	if (['approved', 'card_ready', 'collected'].includes(outcome)) {
		events.push({ kind: 'biometrics_taken', at: step(7, 30) });
		events.push({ kind: 'approved', at: step(3, 20) });
	}
	if (['card_ready', 'collected'].includes(outcome))
		events.push({ kind: 'card_ready', at: step(10, 30) });
	if (outcome === 'collected') events.push({ kind: 'card_collected', at: step(2, 20) });
	if (outcome === 'rejected') events.push({ kind: 'rejected', at: step(40, 120) });
	if (outcome === 'stopped') events.push({ kind: 'stopped', at: step(10, 60) });
	return events;
}

/** Whether the database holds no data yet (first start). */
/** Mon and Wed 8:00–11:00, 30-minute slots, 2 counters, for four weeks from `now`. */
async function seedDemoSlots(
	tx: Db,
	branchRows: { id: number; bio: boolean }[],
	serviceRows: { id: number; slug: string }[],
	now: Date
): Promise<void> {
	const id = (slug: string) => serviceRows.find((s) => s.slug === slug)!.id;
	const today = toPrague(now);
	const from = isoDate(today.year, today.month, today.day);
	const last = addDays(today.year, today.month, today.day, 27);
	const to = isoDate(last.year, last.month, last.day);
	for (const branch of branchRows) {
		const rules = [id('registration'), branch.bio ? id('biometrics') : id('card-pickup')].flatMap(
			(serviceId) =>
				[1, 3].map((weekday) => ({
					serviceId,
					weekday,
					starts: '08:00',
					ends: '11:00',
					slotMinutes: 30,
					capacity: 2,
					validFrom: from,
					validTo: null
				}))
		);
		await tx.insert(scheduleRules).values(rules.map((r) => ({ ...r, branchId: branch.id })));
		const planned = planSlots(rules, [], from, to).slots.filter((s) => s.startsAt > now);
		if (planned.length > 0) {
			await tx.insert(slots).values(planned.map((p) => ({ ...p, branchId: branch.id })));
		}
	}
}

export async function isEmpty(db: Db): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(branches);
	return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo data in one transaction: branches, actions, proceedings with events and one
 * staff account per role. Does nothing on a database that already has branches.
 */
export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
	const now = options.now ?? new Date();
	const r = prng(options.seed ?? 20_251_124);
	const total = (options.proceedingCount ?? 360) + SEED_DEMO_PROCEEDINGS.length;
	const accounts: SeededAccount[] = [];
	for (const staff of SEED_STAFF) {
		const password = options.password ?? randomBytes(12).toString('base64url');
		accounts.push({ email: staff.email, roles: staff.roles, password });
	}
	const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));

	const seeded = await db.transaction(async (tx) => {
		// Two instances starting on an empty database: one seeds, the other finds it done.
		await tx.execute(sql`select pg_advisory_xact_lock(72730002)`);
		const [existing] = await tx.select({ n: count() }).from(branches);
		if ((existing?.n ?? 0) > 0) return false;

		const branchRows = await tx
			.insert(branches)
			.values(SEED_BRANCHES.map(({ addressVerified: _, ...rest }) => rest))
			.returning({ id: branches.id, slug: branches.slug, bio: branches.takesBiometrics });
		const serviceRows = await tx
			.insert(services)
			.values(SEED_SERVICES.map((s, i) => ({ ...s, sortOrder: i })))
			.returning({ id: services.id, slug: services.slug, bioOnly: services.biometricsOnly });
		await tx
			.insert(branchServices)
			.values(
				branchRows.flatMap((b) =>
					serviceRows
						.filter((s) => !s.bioOnly || b.bio)
						.map((s) => ({ branchId: b.id, serviceId: s.id }))
				)
			);
		if (options.demoSlots) await seedDemoSlots(tx, branchRows, serviceRows, now);

		const used = new Set<string>();
		const proceedingValues: (typeof proceedings.$inferInsert)[] = [];
		const histories: SyntheticEvent[][] = [];
		for (const demo of SEED_DEMO_PROCEEDINGS) {
			const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
			const year = at(demo.history[0]!.daysAgo).getUTCFullYear();
			used.add(`${demo.number}/${demo.typeCode}/${year}`);
			const { history: demoHistory, ...identity } = demo;
			proceedingValues.push({ ...identity, year });
			histories.push(
				demoHistory.map((e) => ({
					kind: e.kind,
					at: at(e.daysAgo),
					details:
						e.deadlineInDays === undefined
							? undefined
							: {
									reason: 'documents_requested',
									deadline: at(-e.deadlineInDays).toISOString().slice(0, 10)
								}
				}))
			);
		}
		while (proceedingValues.length < total) {
			const typeCode = r.pick(WEIGHTED_TYPES);
			const filedAt = new Date(now.getTime() - r.int(3, 700) * DAY - r.int(0, 8) * 3_600_000);
			const year = filedAt.getUTCFullYear();
			const number = r.int(1, r.next() < 0.8 ? 99_999 : 999_999);
			const key = `${number}/${typeCode}/${year}`;
			if (used.has(key)) continue;
			used.add(key);
			const birthYear = r.int(1958, 2009);
			proceedingValues.push({
				number,
				serial: r.next() < 0.55 ? r.int(1, 9) : null,
				typeCode,
				year,
				birthDate: `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
				complex: r.next() < 0.15
			});
			histories.push(history(r.pick(OUTCOMES), filedAt, now, r));
		}
		const proceedingRows = await tx
			.insert(proceedings)
			.values(proceedingValues)
			.returning({ id: proceedings.id });
		const eventValues = proceedingRows.flatMap((p, i) =>
			histories[i]!.map((e, j) => ({
				proceedingId: p.id,
				externalId: `seed-${i}-${j}`,
				kind: e.kind,
				occurredAt: e.at,
				details: e.details ?? null,
				receivedAt: e.at
			}))
		);
		for (let i = 0; i < eventValues.length; i += 500) {
			await tx.insert(proceedingEvents).values(eventValues.slice(i, i + 500));
		}

		for (const [i, staff] of SEED_STAFF.entries()) {
			const [user] = await tx
				.insert(staffUsers)
				.values({ email: staff.email, displayName: staff.displayName, passwordHash: hashes[i]! })
				.returning({ id: staffUsers.id });
			await tx.insert(staffRoles).values(staff.roles.map((role) => ({ userId: user!.id, role })));
			for (const slug of staff.branches) {
				const branch = branchRows.find((b) => b.slug === slug)!;
				await tx.insert(staffBranches).values({ userId: user!.id, branchId: branch.id });
			}
		}
		return true;
	});
	return { seeded, accounts: seeded ? accounts : [] };
}
