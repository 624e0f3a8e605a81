import { randomBytes } from 'node:crypto';

/** Connections per instance in the postgres.js pool (client.ts); booking admission is sized by it. */
export const POSTGRES_POOL_SIZE = 10;

/**
 * This process's `application_name` on its connections, so that `/metrics` can count its own
 * open and busy connections in `pg_stat_activity` (several instances share one database).
 */
export const POOL_APPLICATION_NAME = `pobyt ${randomBytes(6).toString('hex')}`;
