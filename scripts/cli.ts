// What every command-line script shares: the configured database, migrated and installed for the
// repositories, closed afterwards; a bad configuration or failure is one line and exit 1.
import { ConfigError, loadConfig, type Config } from '../src/lib/server/config';
import { useDatabase, type Database } from '../src/lib/server/db';
import { openConfiguredDatabase } from '../src/lib/server/db/start';

export async function withDatabase(
	work: (database: Database, config: Config) => Promise<void>
): Promise<void> {
	try {
		const config = loadConfig();
		const database = await openConfiguredDatabase(config);
		try {
			await database.migrate(config.migrationsDir);
			useDatabase(database);
			await work(database, config);
		} finally {
			await database.close();
		}
	} catch (error) {
		console.error(
			`pobyt: ${error instanceof ConfigError ? error.message : (error as Error).message}`
		);
		process.exit(1);
	}
}
