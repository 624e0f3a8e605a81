import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { count, countDistinct, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	formatProceedingNumber,
	TYPE_CODES,
	type TypeCode
} from '../proceedings/proceeding-number';
import { ENGINES, createTestDatabase, testDatabaseFor } from '../testing/test-database';
import { openPostgres } from './client';
import { driverError } from './errors';
import {
	branches,
	proceedingEvents,
	proceedings,
	services,
	staffRoles,
	staffUsers
} from './schema';
import { seedDemoData } from './seed';
import { SEED_BRANCHES, SEED_DEMO_PROCEEDINGS } from './seed-data';

const MIGRATIONS = resolve('drizzle');
const journal = JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
	entries: unknown[];
};
const NOW = new Date('2026-11-24T10:00:00Z');

/** drizzle's execute() returns an array on postgres.js and `{ rows }` on PGlite. */
const rows = (result: unknown) =>
	Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;

describe.each(ENGINES)('database on %s', (engine) => {
	const t = testDatabaseFor(engine);

	it('applies the committed migrations, and running them again changes nothing', async () => {
		const before = rows(
			await t.db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`)
		);
		expect(before.length).toBeGreaterThanOrEqual(2);
		await t.migrate(MIGRATIONS);
		await t.migrate(MIGRATIONS);
		const after = rows(
			await t.db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`)
		);
		expect(after).toEqual(before);
	});

	it('seeds realistic demo data once, in one transaction', async () => {
		const first = await seedDemoData(t.db, { now: NOW, password: 'demo-password-1' });
		expect(first.seeded).toBe(true);
		expect(first.accounts.map((a) => a.roles[0]).sort()).toEqual(
			['admin', 'agent', 'analyst', 'branch_staff', 'content_editor'].sort()
		);

		const branchRows = await t.db.select().from(branches);
		expect(branchRows.length).toBeGreaterThanOrEqual(12);
		for (const known of SEED_BRANCHES.filter((b) => b.addressVerified)) {
			expect(branchRows.find((b) => b.slug === known.slug)?.street).toBe(known.street);
		}
		expect(branchRows.find((b) => b.slug === 'ceske-budejovice')?.takesBiometrics).toBe(true);

		const [serviceCount] = await t.db.select({ n: count() }).from(services);
		expect(serviceCount?.n).toBe(16);

		const all = await t.db.select().from(proceedings);
		expect(all.length).toBeGreaterThanOrEqual(300);
		const numberPattern = /^OAM-\d{1,6}(-\d{1,2})?\/(CD|DO|DP|DV|MK|PP|ST|TP|VP|ZK|ZM)-20\d\d$/;
		for (const p of all) {
			expect(formatProceedingNumber({ ...p, typeCode: p.typeCode as TypeCode })).toMatch(
				numberPattern
			);
		}
		expect(new Set(all.map((p) => p.typeCode)).size).toBeGreaterThanOrEqual(TYPE_CODES.length - 1);
		expect(new Set(all.map((p) => p.year)).size).toBeGreaterThanOrEqual(2);

		// Every proceeding starts with `filed`; histories end in varied states.
		const [noFiled] = await t.db
			.select({ n: count() })
			.from(proceedings)
			.where(
				sql`not exists (select 1 from ${proceedingEvents} e where e.proceeding_id = ${proceedings.id} and e.kind = 'filed')`
			);
		expect(noFiled?.n).toBe(0);
		const [kinds] = await t.db
			.select({ n: countDistinct(proceedingEvents.kind) })
			.from(proceedingEvents);
		expect(kinds?.n).toBeGreaterThanOrEqual(9);
		const [future] = await t.db
			.select({ n: count() })
			.from(proceedingEvents)
			.where(sql`${proceedingEvents.occurredAt} > ${NOW.toISOString()}`);
		expect(future?.n).toBe(0);

		const [admin] = await t.db
			.select({ hash: staffUsers.passwordHash })
			.from(staffUsers)
			.innerJoin(staffRoles, eq(staffRoles.userId, staffUsers.id))
			.where(eq(staffRoles.role, 'admin'));
		expect(admin?.hash).toMatch(/^\$argon2id\$/);
		expect(admin?.hash).not.toContain('demo-password-1');

		const again = await seedDemoData(t.db, { now: NOW });
		expect(again).toEqual({ seeded: false, accounts: [] });
		const [afterAgain] = await t.db.select({ n: count() }).from(proceedings);
		expect(afterAgain?.n).toBe(all.length);
	});

	it('keeps the audit log append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
		await t.db.execute(
			sql`insert into audit_log (action, subject_type, subject_id, reason) values ('read', 'proceeding', 'p-1', 'test')`
		);
		for (const statement of [
			sql`update audit_log set reason = 'rewritten'`,
			sql`delete from audit_log`,
			sql`truncate audit_log`
		]) {
			const error = await t.db.execute(statement).then(() => null, driverError);
			expect(error?.message).toMatch(/append-only/);
			expect(error?.code).toBe('42501');
		}
		const left = rows(await t.db.execute(sql`select reason from audit_log`));
		expect(left).toEqual([{ reason: 'test' }]);
	});

	it('refuses a proceeding with an unknown type code', async () => {
		await expect(
			t.db
				.insert(proceedings)
				.values({ number: 1, typeCode: 'XX', year: 2025, birthDate: '1990-01-01' })
		).rejects.toThrow();
	});
});

describe.skipIf(!ENGINES.includes('postgres'))('concurrent start-up on PostgreSQL', () => {
	it('two instances seeding an empty database at once load the data exactly once', async () => {
		const t = await createTestDatabase('postgres');
		const second = openPostgres(t.url!);
		try {
			const results = await Promise.all([
				seedDemoData(t.db, { now: NOW, password: 'a', proceedingCount: 50 }),
				seedDemoData(second.db, { now: NOW, password: 'b', proceedingCount: 50 })
			]);
			expect(results.filter((r) => r.seeded)).toHaveLength(1);
			const [n] = await t.db.select({ n: count() }).from(proceedings);
			expect(n?.n).toBe(50 + SEED_DEMO_PROCEEDINGS.length);
		} finally {
			await second.close();
			await t.dispose();
		}
	});

	it('two instances migrating at once both succeed and apply each migration once', async () => {
		const t = await createTestDatabase('postgres');
		const second = openPostgres(t.url!);
		try {
			await t.db.execute(
				sql`drop schema public cascade; create schema public; drop schema drizzle cascade`
			);
			await Promise.all([t.migrate(MIGRATIONS), second.migrate(MIGRATIONS)]);
			const applied = rows(
				await t.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
			);
			expect(applied).toEqual([{ n: journal.entries.length }]);
		} finally {
			await second.close();
			await t.dispose();
		}
	});
});
