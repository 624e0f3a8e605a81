import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database, Db } from './engine';
import { POOL_APPLICATION_NAME, POSTGRES_POOL_SIZE } from './pool';
import { preparing } from './preparing';
import * as schema from './schema';

/** Any number: only serialises migrations of several instances starting at once. */
const MIGRATION_LOCK = 72_730_001;

export interface PostgresOptions {
	/** Pool size per instance. */
	max?: number;
	connectTimeoutSeconds?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
	const client = postgres(url, {
		max: options.max ?? POSTGRES_POOL_SIZE,
		connect_timeout: options.connectTimeoutSeconds ?? 5,
		idle_timeout: 30,
		connection: { application_name: POOL_APPLICATION_NAME },
		onnotice: () => {}
	});
	const db = drizzlePostgres({ client: preparing(client), schema }) as unknown as Db;
	return {
		db,
		engine: 'postgres',
		async migrate(migrationsFolder) {
			// A dedicated single connection, so the advisory lock and the migration share a session.
			const one = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
			try {
				await one`select pg_advisory_lock(${MIGRATION_LOCK})`;
				await migratePostgres(drizzlePostgres({ client: one }), { migrationsFolder });
				await one`select pg_advisory_unlock(${MIGRATION_LOCK})`;
			} finally {
				await one.end({ timeout: 5 });
			}
		},
		async ping() {
			await db.execute(sql`select 1`);
		},
		async close() {
			await client.end({ timeout: 5 });
		}
	};
}

export interface PgliteOptions {
	/** Folder that holds the data; created when missing. Omit for an in-memory database. */
	dataDir?: string;
	/** A dump made by `dumpDataDir()`, to start from (tests). */
	loadDataDir?: Blob | File;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
	let dataDir: string | undefined;
	if (options.dataDir) {
		dataDir = resolve(options.dataDir, 'pglite');
		mkdirSync(resolve(options.dataDir), { recursive: true });
	}
	const client = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
	const db = drizzlePglite({ client, schema }) as unknown as Db;
	return {
		db,
		engine: 'pglite',
		async migrate(migrationsFolder) {
			// PGlite has one connection: nothing else can run a migration at the same time.
			await migratePglite(drizzlePglite({ client }), { migrationsFolder });
		},
		async ping() {
			await db.execute(sql`select 1`);
		},
		async close() {
			if (!client.closed) await client.close();
		}
	};
}

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}
