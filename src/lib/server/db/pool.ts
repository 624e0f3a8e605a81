/** Connections per instance in the postgres.js pool (client.ts); booking admission is sized by it. */
export const POSTGRES_POOL_SIZE = 10;
