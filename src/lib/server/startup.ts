import { useDatabase } from './db';
import { openConfiguredDatabase, prepareDatabase } from './db/start';
import { formatDemoAccounts } from './db/seed';
import { ConfigError, loadConfig, type Config } from './config';
import { log } from './log';

let config: Config | undefined;

export function getConfig(): Config {
	config ??= loadConfig();
	return config;
}

/** Everything the server needs before it takes requests. Bad configuration: one line, exit 1. */
export async function startServer(): Promise<void> {
	try {
		const cfg = getConfig();
		const database = await openConfiguredDatabase(cfg);
		const { demoAccounts } = await prepareDatabase(database, cfg);
		useDatabase(database);
		process.once('sveltekit:shutdown', () => {
			database.close().catch(() => {});
		});
		// Only a demo-mode first start creates accounts (db/start.ts), so production prints nothing.
		if (demoAccounts.length > 0) console.log(formatDemoAccounts(demoAccounts));
		log.info({ engine: database.engine, mode: cfg.mode }, 'database ready');
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`pobyt: ${error.message}`);
		} else {
			console.error(`pobyt: start-up failed: ${(error as Error)?.message ?? String(error)}`);
		}
		process.exit(1);
	}
}
