// `npm run import:events -- batch.jsonl` imports a file of registry events (one JSON object per
// line) through the same service as POST /api/v1/proceedings/events: all lines or none.
// With the embedded database, stop the server first: PGlite opens its folder in one process only.
import { readFileSync, statSync } from 'node:fs';
import { now } from '../src/lib/server/clock';
import { ConfigError, loadConfig } from '../src/lib/server/config';
import { useDatabase } from '../src/lib/server/db/index';
import { openConfiguredDatabase } from '../src/lib/server/db/start';
import {
	importEvents,
	MAX_BATCH_BYTES,
	MAX_BATCH_LINES
} from '../src/lib/server/proceedings/import.service';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
	console.error('usage: npm run import:events -- <file.jsonl>');
	process.exit(2);
}

const limits = { maxBytes: MAX_BATCH_BYTES, maxLines: MAX_BATCH_LINES };

try {
	if (statSync(file).size > MAX_BATCH_BYTES) {
		console.log(JSON.stringify({ ok: false, error: 'too_large', ...limits }, null, 2));
		process.exit(1);
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
	} catch {
		throw new Error(`${file} is not UTF-8 text.`);
	}
	const config = loadConfig();
	const database = await openConfiguredDatabase(config);
	try {
		await database.migrate(config.migrationsDir);
		useDatabase(database);
		const result = await importEvents(text, now());
		const output =
			result.status === 'rejected' ? { ok: false, error: result.error, ...limits } : result.report;
		console.log(JSON.stringify(output, null, 2));
		process.exitCode = result.status === 'applied' ? 0 : 1;
	} finally {
		await database.close();
	}
} catch (error) {
	console.error(
		`pobyt: ${error instanceof ConfigError ? error.message : (error as Error).message}`
	);
	process.exit(1);
}
