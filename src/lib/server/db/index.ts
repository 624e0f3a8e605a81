import type { Database, Db } from './engine';

export type { Database, Db } from './engine';

let current: Database | undefined;

/** Installs the database the repositories use: once at server start, or per test file. */
export function useDatabase(database: Database): void {
	current = database;
}

/** The drizzle instance for repositories. Fails loudly if called before start-up finished. */
export function getDb(): Db {
	if (!current) throw new Error('The database is not initialised yet.');
	return current.db;
}

export function getDatabase(): Database {
	if (!current) throw new Error('The database is not initialised yet.');
	return current;
}
