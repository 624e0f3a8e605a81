// The production topology on this machine's loopback: a fresh PostgreSQL database, two
// `node build` instances in production mode, and HAProxy in front of them with the same
// configuration operators run (deploy/haproxy.cfg). Used by `npm run cluster` and by
// tests/cluster.e2e.ts. Needs `npm run build` first, PostgreSQL, and haproxy (Debian package).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPostgres } from '../../src/lib/server/db/client';
import { seedDemoData, type SeededAccount } from '../../src/lib/server/db/seed';

export const HAPROXY_CONFIG = 'deploy/haproxy.cfg';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `url` answers 200 (or throws after `timeoutMs`). */
export async function waitForOk(url: string, timeoutMs = 60_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const status = await fetch(url, { signal: AbortSignal.timeout(5000) })
			.then((r) => r.status)
			.catch(() => 0);
		if (status === 200) return;
		await sleep(200);
	}
	throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** A child process whose output is kept line by line (and echoed when `echo`). */
class Child {
	readonly lines: string[] = [];
	process: ChildProcess | undefined;
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({
		code: null,
		signal: null
	});

	constructor(private readonly echo: boolean) {}

	protected spawn(command: string, args: string[], env: NodeJS.ProcessEnv): void {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.process = child;
		let rest = '';
		const take = (chunk: Buffer) => {
			const text = rest + chunk.toString('utf8');
			const parts = text.split('\n');
			rest = parts.pop() ?? '';
			for (const line of parts) {
				this.lines.push(line);
				if (this.echo) console.log(line);
			}
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		this.exit = new Promise((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal }))
		);
	}

	get running(): boolean {
		return !!this.process && this.process.exitCode === null && this.process.signalCode === null;
	}

	signal(signal: NodeJS.Signals): void {
		if (this.running) this.process!.kill(signal);
	}
}

/** One `node build` in production mode. */
export class Instance extends Child {
	constructor(
		readonly name: string,
		readonly port: number,
		private readonly env: NodeJS.ProcessEnv,
		echo: boolean
	) {
		super(echo);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Starts the instance and waits until it is ready. */
	async start(): Promise<void> {
		this.spawn(process.execPath, ['build'], { ...this.env, PORT: String(this.port) });
		await Promise.race([
			waitForOk(`${this.url}/api/ready`),
			this.exit.then(({ code }) => {
				throw new Error(`${this.name} exited (${code}) at start:\n${this.lines.join('\n')}`);
			})
		]);
	}
}

/** HAProxy in the foreground with deploy/haproxy.cfg; its log lines are JSON (see the file). */
export class Proxy extends Child {
	constructor(
		readonly port: number,
		private readonly apps: Instance[],
		echo: boolean
	) {
		super(echo);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		this.spawn(process.env.HAPROXY ?? 'haproxy', ['-db', '-f', HAPROXY_CONFIG], {
			PATH: process.env.PATH,
			PROXY_BIND: `127.0.0.1:${this.port}`,
			APP1: `127.0.0.1:${this.apps[0]!.port}`,
			APP2: `127.0.0.1:${this.apps[1]!.port}`
		});
		await Promise.race([
			waitForOk(`${this.url}/api/health`, 20_000),
			this.exit.then(({ code }) => {
				throw new Error(`haproxy exited (${code}):\n${this.lines.join('\n')}`);
			})
		]);
	}

	/** The access log so far: one object per request. */
	requests(): ProxyLogLine[] {
		return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ProxyLogLine);
	}
}

export interface ProxyLogLine {
	/** When the proxy accepted the request, ms since the epoch. */
	at: number;
	/** The client's X-Request-Id, if it sent one. */
	id: string;
	/** The instance that answered last (`app1`, `app2`), or `<NOSRV>`. */
	server: string;
	status: number;
	/** HAProxy's termination state, e.g. `----` (normal) or `SH--` (the server went away). */
	term: string;
	/** Connection retries, `+n` when the request went to the other instance. */
	retries: string;
	ms: number;
}

export interface ClusterOptions {
	/** A PostgreSQL URL whose user may create databases; the cluster gets a new database. */
	adminUrl: string;
	proxyPort: number;
	appPorts: [number, number];
	/** The public URL (ORIGIN); by default the proxy's. */
	origin?: string;
	/** More environment for the instances (e.g. POW_WORK, SHUTDOWN_DRAIN_SECONDS). */
	env?: Record<string, string>;
	/** Print every child's output as it comes. */
	echo?: boolean;
	/** Staff password of the demo accounts (random when absent). */
	demoPassword?: string;
}

export class Cluster {
	readonly metricsToken = randomBytes(24).toString('base64url');
	readonly instances: [Instance, Instance];
	readonly proxy: Proxy;
	readonly databaseUrl: string;
	accounts: SeededAccount[] = [];
	readonly #admin: ReturnType<typeof postgres>;
	readonly #database: string;

	private constructor(readonly options: ClusterOptions) {
		this.#database = `pobyt_cluster_${process.pid}_${options.proxyPort}`;
		const url = new URL(options.adminUrl);
		url.pathname = `/${this.#database}`;
		this.databaseUrl = url.toString();
		this.#admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
		const origin = options.origin ?? `http://127.0.0.1:${options.proxyPort}`;
		// What the README's "Operating it" tells operators to set, and nothing else.
		const env: NodeJS.ProcessEnv = {
			PATH: process.env.PATH,
			TZ: 'UTC',
			APP_MODE: 'production',
			DATABASE_URL: this.databaseUrl,
			APP_SECRET: randomBytes(36).toString('base64url'),
			ORIGIN: origin,
			HOST: '127.0.0.1',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			METRICS_TOKEN: this.metricsToken,
			LOG_LEVEL: 'info',
			...options.env
		};
		this.instances = [
			new Instance('app1', options.appPorts[0], env, !!options.echo),
			new Instance('app2', options.appPorts[1], env, !!options.echo)
		];
		this.proxy = new Proxy(options.proxyPort, this.instances, !!options.echo);
	}

	get url(): string {
		return this.proxy.url;
	}

	/** A new database (migrated, demo data loaded), both instances, then the proxy. */
	static async start(options: ClusterOptions): Promise<Cluster> {
		const cluster = new Cluster(options);
		try {
			await cluster.#admin.unsafe(`drop database if exists ${cluster.#database} with (force)`);
			await cluster.#admin.unsafe(`create database ${cluster.#database}`);
			// Production instances never load demo data; an operator would import real data.
			const database = openPostgres(cluster.databaseUrl, { max: 2 });
			try {
				await database.migrate('drizzle');
				cluster.accounts = (
					await seedDemoData(database.db, { password: options.demoPassword, demoSlots: true })
				).accounts;
			} finally {
				await database.close();
			}
			await Promise.all(cluster.instances.map((i) => i.start()));
			await cluster.proxy.start();
			return cluster;
		} catch (error) {
			await cluster.stop();
			throw error;
		}
	}

	/** Stops everything it started and drops its database. */
	async stop(): Promise<void> {
		// SIGINT: adapter-node's shutdown at once, without the drain a SIGTERM starts.
		this.proxy.signal('SIGTERM');
		for (const instance of this.instances) instance.signal('SIGINT');
		const stopped = Promise.all([this.proxy, ...this.instances].map((c) => c.exit));
		const late = setTimeout(() => {
			for (const child of [this.proxy, ...this.instances]) child.signal('SIGKILL');
		}, 15_000);
		await stopped;
		clearTimeout(late);
		await this.#admin
			.unsafe(`drop database if exists ${this.#database} with (force)`)
			.catch(() => {});
		await this.#admin.end({ timeout: 5 });
	}
}
