// `npm run cluster`: the production topology on this machine (scripts/cluster/topology.ts) —
// a fresh PostgreSQL database with demo data, two `node build` instances in production mode and
// HAProxy in front (deploy/haproxy.cfg) — until Ctrl+C, which stops them and drops the database.
// Needs `npm run build`, PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432) and haproxy.
import { formatDemoAccounts } from '../../src/lib/server/db/seed';
import { Cluster } from './topology';

const port = Number(process.env.CLUSTER_PORT ?? 8080);
const cluster = await Cluster.start({
	adminUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
	proxyPort: port,
	appPorts: [port + 1, port + 2],
	echo: process.env.CLUSTER_QUIET ? false : true,
	env: process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : { LOG_LEVEL: 'warn' }
});
console.log(`
Pobyt behind HAProxy: ${cluster.url}
  instances  ${cluster.instances.map((i) => `${i.name} ${i.url}`).join('   ')}
  metrics    curl -H 'Authorization: Bearer ${cluster.metricsToken}' ${cluster.instances[0].url}/metrics
  database   ${cluster.databaseUrl}
Staff accounts (demo data):
${formatDemoAccounts(cluster.accounts)}
Ctrl+C stops everything and drops the database. Try: kill -TERM ${cluster.instances[0].process?.pid} (drains, then exits).`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping…');
		void cluster.stop().then(() => process.exit(0));
	});
}
