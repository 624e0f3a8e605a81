import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

const MIGRATIONS = resolve('drizzle');

declare module 'vitest' {
	export interface ProvidedContext {
		/** A migrated PGlite data dir, dumped once; each test file starts from it. */
		pgliteDump: string;
		/** Admin URL and the name of a migrated template database, when TEST_DATABASE_URL is set. */
		postgres: { url: string; template: string } | null;
	}
}

/** Migrate once per run; test files clone the result (PGlite dump, PostgreSQL template). */
export default async function setup(project: TestProject) {
	const dir = mkdtempSync(join(tmpdir(), 'pobyt-test-'));
	const pglite = await PGlite.create();
	await migratePglite(drizzle(pglite), { migrationsFolder: MIGRATIONS });
	const dump = await pglite.dumpDataDir('none');
	const dumpPath = join(dir, 'migrated.tar');
	writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
	await pglite.close();
	project.provide('pgliteDump', dumpPath);

	const url = process.env.TEST_DATABASE_URL;
	let template: string | null = null;
	if (url) {
		template = `pobyt_template_${process.pid}`;
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${template}`);
		await admin.unsafe(`create database ${template}`);
		const target = new URL(url);
		target.pathname = `/${template}`;
		const one = postgres(target.toString(), { max: 1, onnotice: () => {} });
		await migrate(drizzlePostgres(one), { migrationsFolder: MIGRATIONS });
		await one.end();
		await admin.end();
		project.provide('postgres', { url, template });
	} else {
		project.provide('postgres', null);
	}

	return async () => {
		rmSync(dir, { recursive: true, force: true });
		if (url && template) {
			const admin = postgres(url, { max: 1, onnotice: () => {} });
			await admin.unsafe(`drop database if exists ${template} with (force)`);
			await admin.end();
		}
	};
}
