import { sql } from 'drizzle-orm';
import { now } from '../clock';
import { ConfigError, type Config } from '../config';
import { loadChecklistsFromFiles } from '../content/content.service';
import { openPglite, openPostgres } from './client';
import type { Database } from './engine';
import { driverError } from './errors';
import { getDatabase } from './index';
import { isEmpty, seedDemoData, type SeededAccount } from './seed';

/** Where the database is, without credentials, for messages. */
function describe(url: string): string {
	try {
		const u = new URL(url);
		return `${u.hostname}:${u.port || 5432}${u.pathname}`;
	} catch {
		return 'DATABASE_URL';
	}
}

function reason(error: unknown): string {
	const e = driverError(error);
	return e.code ?? e.message;
}

/** Opens the configured engine and proves it answers; a ConfigError says what to fix. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
	if (!config.databaseUrl) return openPglite({ dataDir: config.dataDir });
	const database = openPostgres(config.databaseUrl);
	try {
		await database.ping();
	} catch (error) {
		await database.close().catch(() => {});
		throw new ConfigError(
			`cannot reach PostgreSQL at ${describe(config.databaseUrl)} (${reason(error)}): check DATABASE_URL and that the server is running.`
		);
	}
	return database;
}

export interface Started {
	database: Database;
	/** Demo accounts created by this start (first start in demo mode only). */
	demoAccounts: SeededAccount[];
}

/** Migrate, publish new content versions, then load demo data on the first start in demo mode. */
export async function prepareDatabase(database: Database, config: Config): Promise<Started> {
	await database.migrate(config.migrationsDir);
	await loadChecklistsFromFiles(database.db, config.contentDir);
	let demoAccounts: SeededAccount[] = [];
	if (config.mode === 'demo' && (await isEmpty(database.db))) {
		demoAccounts = (
			await seedDemoData(database.db, {
				password: config.demoPassword,
				now: now(),
				demoSlots: true
			})
		).accounts;
	}
	return { database, demoAccounts };
}

export async function databaseReady(database: Database): Promise<boolean> {
	try {
		await database.db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}

/** Readiness of the app's database, for `/api/ready`. */
export function appDatabaseReady(): Promise<boolean> {
	return databaseReady(getDatabase());
}
