// db/preparing.ts: drizzle's statements run prepared on PostgreSQL — parsed once per connection,
// then executed by name (one round trip) — in and outside transactions.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branches } from '../booking/booking.schema';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/test-database';
import { openPostgres } from './client';
import type { Database } from './engine';
import { resultRows } from './rows';

describe.skipIf(!ENGINES.includes('postgres'))('drizzle statements prepared (PostgreSQL)', () => {
	let test: TestDatabase;
	let one: Database;
	beforeAll(async () => {
		test = await createTestDatabase('postgres');
		// One connection, so that its prepared statements are the ones we read back.
		one = openPostgres(test.url!, { max: 1 });
	});
	afterAll(async () => {
		await one?.close();
		await test?.dispose();
	});

	/** This connection's prepared statements that read `branches`, with how often each ran. */
	const preparedOnBranches = async () =>
		resultRows<{ statement: string; runs: number }>(
			await one.db.execute(sql`
				select statement, (generic_plans + custom_plans)::int as runs
				from pg_prepared_statements where statement like '%from "branches"%'`)
		);

	it('parses a query once and runs it again by name, with new parameters each time', async () => {
		const find = (slug: string) =>
			one.db.select({ id: branches.id }).from(branches).where(eq(branches.slug, slug));
		expect(await find('praha-1')).toEqual([]);
		expect(await find('brno')).toEqual([]);
		expect(await find('ostrava')).toEqual([]);
		const prepared = await preparedOnBranches();
		expect(prepared).toHaveLength(1);
		expect(prepared[0]!.statement).toContain('"slug" = $1');
		expect(prepared[0]!.runs).toBe(3);
	});

	it('does the same inside a transaction', async () => {
		const before = (await preparedOnBranches()).length;
		await one.db.transaction(async (tx) => {
			for (const id of [1, 2])
				await tx.select({ slug: branches.slug }).from(branches).where(eq(branches.id, id));
		});
		const prepared = await preparedOnBranches();
		expect(prepared).toHaveLength(before + 1);
		expect(prepared.find((p) => p.statement.includes('"id" = $1'))?.runs).toBe(2);
	});
});
