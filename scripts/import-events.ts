// `npm run import:events -- batch.jsonl` imports a file of registry events (one JSON object per
// line) through the same service as POST /api/v1/proceedings/events: all lines or none.
// With the embedded database, stop the server first: PGlite opens its folder in one process only.
import { readFileSync, statSync } from 'node:fs';
import { now } from '../src/lib/server/clock';
import {
	importEvents,
	MAX_BATCH_BYTES,
	MAX_BATCH_LINES
} from '../src/lib/server/proceedings/import.service';
import { withDatabase } from './cli';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
	console.error('usage: npm run import:events -- <file.jsonl>');
	process.exit(2);
}

const limits = { maxBytes: MAX_BATCH_BYTES, maxLines: MAX_BATCH_LINES };

await withDatabase(async () => {
	if (statSync(file).size > MAX_BATCH_BYTES) {
		console.log(JSON.stringify({ ok: false, error: 'too_large', ...limits }, null, 2));
		process.exitCode = 1;
		return;
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
	} catch {
		throw new Error(`${file} is not UTF-8 text.`);
	}
	const result = await importEvents(text, now());
	const output =
		result.status === 'rejected' ? { ok: false, error: result.error, ...limits } : result.report;
	console.log(JSON.stringify(output, null, 2));
	process.exitCode = result.status === 'applied' ? 0 : 1;
});
