import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { useDatabase } from '../db';
import { openPglite, openPostgres } from '../db/client';
import type { Database } from '../db/engine';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; real PostgreSQL as well when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = inject('postgres') ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
	/** For PostgreSQL: the URL of this test's own database (to open more connections). */
	url: string | null;
	/** Closes the database and, on PostgreSQL, drops it. */
	dispose(): Promise<void>;
}

/** A fresh, migrated database of its own: a PGlite from the dump, or a clone of the template. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
	if (engine === 'pglite') {
		const dump = new Blob([readFileSync(inject('pgliteDump'))]);
		const database = await openPglite({ loadDataDir: dump });
		return { ...database, url: null, dispose: () => database.close() };
	}
	const pg = inject('postgres');
	if (!pg) throw new Error('PostgreSQL tests need TEST_DATABASE_URL.');
	const name = `pobyt_t_${randomBytes(6).toString('hex')}`;
	const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name} template ${pg.template}`);
	await admin.end();
	const url = new URL(pg.url);
	url.pathname = `/${name}`;
	const database = openPostgres(url.toString(), { max: 20 });
	return {
		...database,
		url: url.toString(),
		async dispose() {
			await database.close();
			const drop = postgres(pg.url, { max: 1, onnotice: () => {} });
			await drop.unsafe(`drop database if exists ${name} with (force)`);
			await drop.end();
		}
	};
}

/**
 * A fresh database for the enclosing `describe`, created before its tests, installed for the
 * repositories (`useDatabase`) and disposed after them. The returned object is filled in
 * `beforeAll`, so use it inside tests and hooks only.
 */
export function testDatabaseFor(engine: Engine): TestDatabase {
	const holder = {} as TestDatabase;
	beforeAll(async () => {
		Object.assign(holder, await createTestDatabase(engine));
		useDatabase(holder);
	});
	afterAll(async () => {
		await holder.dispose();
	});
	return holder;
}
