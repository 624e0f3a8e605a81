import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both engines: drizzle's PostgreSQL database over postgres.js or PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
	db: Db;
	engine: 'postgres' | 'pglite';
	/** Runs the committed migrations; safe to call on every start and from several instances. */
	migrate(migrationsFolder: string): Promise<void>;
	ping(): Promise<void>;
	close(): Promise<void>;
}
