// `npm run db:migrate` applies the committed migrations; `npm run db:seed` also loads the demo
// data into an empty database (never with APP_MODE=production). Same code as server start-up.
// With the embedded database, stop the server first: PGlite opens its folder in one process only.
import { ConfigError } from '../src/lib/server/config';
import { formatDemoAccounts, seedDemoData } from '../src/lib/server/db/seed';
import { withDatabase } from './cli';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
	console.error('usage: tsx scripts/db.ts migrate|seed');
	process.exit(2);
}

await withDatabase(async (database, config) => {
	console.log(`Migrations applied (${database.engine}).`);
	if (command !== 'seed') return;
	if (config.mode === 'production') {
		throw new ConfigError('db:seed loads demo data and does not run with APP_MODE=production.');
	}
	const { seeded, accounts } = await seedDemoData(database.db, {
		password: config.demoPassword,
		demoSlots: true
	});
	console.log(
		seeded ? formatDemoAccounts(accounts) : 'The database already has data: nothing seeded.'
	);
});
