// `npm run db:migrate` applies the committed migrations; `npm run db:seed` also loads the demo
// data into an empty database (never with APP_MODE=production). Same code as server start-up.
// With the embedded database, stop the server first: PGlite opens its folder in one process only.
import { ConfigError, loadConfig } from '../src/lib/server/config';
import { formatDemoAccounts, seedDemoData } from '../src/lib/server/db/seed';
import { openConfiguredDatabase } from '../src/lib/server/db/start';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
	console.error('usage: tsx scripts/db.ts migrate|seed');
	process.exit(2);
}

try {
	const config = loadConfig();
	if (command === 'seed' && config.mode === 'production') {
		throw new ConfigError('db:seed loads demo data and does not run with APP_MODE=production.');
	}
	const database = await openConfiguredDatabase(config);
	try {
		await database.migrate(config.migrationsDir);
		console.log(`Migrations applied (${database.engine}).`);
		if (command === 'seed') {
			const { seeded, accounts } = await seedDemoData(database.db, {
				password: config.demoPassword
			});
			console.log(
				seeded ? formatDemoAccounts(accounts) : 'The database already has data: nothing seeded.'
			);
		}
	} finally {
		await database.close();
	}
} catch (error) {
	console.error(
		`pobyt: ${error instanceof ConfigError ? error.message : (error as Error).message}`
	);
	process.exit(1);
}
