import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ownPort } from './e2e-env';

const PORT = ownPort('update');
const ORIGIN = `http://localhost:${PORT}`;
const RELEASE_2 = 'build-e2e-release2';

function serve(dir: string, dataDir: string): ChildProcess {
	return spawn(process.execPath, [dir], {
		env: {
			...process.env,
			PORT: String(PORT),
			ORIGIN,
			DATA_DIR: dataDir,
			DEMO_PASSWORD: 'x',
			LOG_LEVEL: 'warn'
		},
		stdio: 'ignore'
	});
}

async function ready(): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${ORIGIN}/api/ready`)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('server did not start');
}

async function stop(server: ChildProcess): Promise<void> {
	const exited = new Promise((r) => server.once('exit', r));
	server.kill('SIGTERM');
	await exited;
}

/** Kit's release id (its default: the build time in ms), baked once into the service worker. */
function releaseOf(worker: string): string {
	const ids = [...worker.matchAll(/`(\d{13})`/g)].map((m) => m[1]!);
	expect(ids).toHaveLength(1);
	return ids[0]!;
}

test('a new release waits for consent; "load the new version" switches to it and reloads', async ({
	browser
}) => {
	test.setTimeout(90_000);
	// Release 2 is this build with another release id: same length, so the static server's sizes hold.
	rmSync(RELEASE_2, { recursive: true, force: true });
	cpSync('build', RELEASE_2, { recursive: true });
	const workerFile = `${RELEASE_2}/client/service-worker.js`;
	const worker = readFileSync(workerFile, 'utf8');
	const release1 = releaseOf(worker);
	const release2 = release1.slice(0, -1) + ((Number(release1.at(-1)) + 1) % 10);
	writeFileSync(workerFile, worker.replaceAll(release1, release2));
	rmSync(`${workerFile}.gz`, { force: true });
	rmSync(`${workerFile}.br`, { force: true });

	const data = mkdtempSync(join(tmpdir(), 'pobyt-update-'));
	let server = serve('build', data);
	try {
		await ready();
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${ORIGIN}/en`);
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 20_000
		});
		const banner = page.locator('#update-banner');
		await expect(banner).toBeHidden();
		const pageCaches = () =>
			page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pages-')));
		await expect.poll(pageCaches).toEqual([`pages-${release1}`]);

		// Deploy release 2 while the page stays open.
		await stop(server);
		server = serve(RELEASE_2, data);
		await ready();
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

		// The new worker waits and the page says so; it keeps running on release 1 meanwhile.
		await expect(banner).toBeVisible({ timeout: 20_000 });
		await expect(banner).toContainText('A new version of the application is available.');
		expect(
			await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)
		).toBe(true);
		// Release 1's pages stay until the person agrees (release 2 may already warm its own).
		expect(await pageCaches()).toContain(`pages-${release1}`);

		const reloaded = page.waitForEvent('load');
		await banner.getByRole('button', { name: 'Load the new version' }).click();
		await reloaded;
		await expect.poll(pageCaches, { timeout: 20_000 }).toEqual([`pages-${release2}`]);
		await expect(page.locator('#update-banner')).toBeHidden();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you need to do?');
		await context.close();
	} finally {
		await stop(server);
		rmSync(RELEASE_2, { recursive: true, force: true });
		rmSync(data, { recursive: true, force: true });
	}
});
