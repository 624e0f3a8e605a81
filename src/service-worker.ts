/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { Queue } from 'workbox-background-sync';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import {
	CALLBACK_QUEUED_PAGES,
	callbackQueuedPageFor,
	enhancementUrls,
	offlinePageFor,
	OFFLINE_PAGES,
	PUBLIC_HOME_PAGES
} from './lib/offline-routes';
import { isPrivatePath, mustNotStore, PRIVATE_PATH } from './lib/private-paths';

const sw = self as unknown as ServiceWorkerGlobalScope;

// Hashed build files need no revision; static files and the offline pages change per release.
// Kit 2.70's `build` list also names server entry chunks (`/entries/…`, `/chunks/…`) that are not
// served: precaching them 404s and aborts the install, so only `/_app/immutable/` is taken.
const clientBuild = build.filter((url) => url.includes('/_app/immutable/'));
precacheAndRoute([
	...clientBuild.map((url) => ({ url, revision: null })),
	...files.map((url) => ({ url, revision: version })),
	...OFFLINE_PAGES.map((url) => ({ url, revision: version })),
	...CALLBACK_QUEUED_PAGES.map((url) => ({ url, revision: version })),
	...enhancementUrls(version).map((url) => ({ url, revision: null }))
]);
cleanupOutdatedCaches();

const PAGES = `pages-${version}`;
const MAX_PAGES = 120;
/** Whether the device may keep this response: never a private path or one marked so. */
const storable = (url: string, response: Response) =>
	response.ok &&
	!isPrivatePath(new URL(url, sw.location.origin).pathname) &&
	!mustNotStore(response.headers.get('cache-control'));

const pages = new NetworkFirst({
	cacheName: PAGES,
	// On a bad connection, show the copy from the last visit rather than a spinner.
	networkTimeoutSeconds: 4,
	plugins: [
		{
			cacheWillUpdate: async ({ request, response }) =>
				storable(request.url, response) ? response : null
		},
		new ExpirationPlugin({ maxEntries: MAX_PAGES, maxAgeSeconds: 30 * 24 * 3600 })
	]
});

registerRoute(new NavigationRoute(pages, { denylist: [PRIVATE_PATH] }));
// Private pages are never stored, but offline they get the offline page like any other page.
registerRoute(new NavigationRoute(new NetworkOnly(), { allowlist: [PRIVATE_PATH] }));
registerRoute(
	({ url, request }) =>
		request.method === 'GET' &&
		url.origin === sw.location.origin &&
		url.pathname.endsWith('/__data.json') &&
		!isPrivatePath(url.pathname),
	pages
);

// A callback request made without a connection waits here and is sent when it returns: by
// Background Sync where the browser has it, otherwise when the worker next starts or a page
// reports that the connection is back (REPLAY_CALLBACKS).
const callbacks = new Queue('callback-requests', { maxRetentionTime: 24 * 60 });
registerRoute(
	({ url, request }) =>
		request.method === 'POST' &&
		url.origin === sw.location.origin &&
		url.search === '?/callback' &&
		/^\/(?:[a-z]{2}\/)?help$/.test(url.pathname),
	async ({ request, url }) => {
		const queued = request.clone();
		try {
			return await fetch(request);
		} catch {
			await callbacks.pushRequest({ request: queued });
			return (await matchPrecache(callbackQueuedPageFor(url.pathname))) ?? Response.error();
		}
	},
	'POST'
);

setCatchHandler(async ({ request }) => {
	if (request.mode === 'navigate') {
		const offline = await matchPrecache(offlinePageFor(new URL(request.url).pathname));
		if (offline) return offline;
	}
	return Response.error();
});

async function cachePages(urls: string[]): Promise<void> {
	const cache = await caches.open(PAGES);
	await Promise.all(
		urls.map(async (url) => {
			try {
				const response = await fetch(url, { credentials: 'same-origin' });
				if (storable(url, response)) await cache.put(url, response);
			} catch {
				// Offline while warming: the page is cached on the next visit instead.
			}
		})
	);
}

sw.addEventListener('install', (event) => {
	// The home pages open offline even if the person never navigated after installing.
	event.waitUntil(cachePages(PUBLIC_HOME_PAGES));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('pages-') && key !== PAGES) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown } | null;
	if (data?.type === 'SKIP_WAITING') void sw.skipWaiting();
	if (data?.type === 'REPLAY_CALLBACKS') event.waitUntil(callbacks.replayRequests());
	// The page the person landed on (loaded before this worker controlled it) and the pages it
	// names for offline use: same-origin public paths only, at most a page cache's worth.
	if (data?.type === 'CACHE_PAGES' && Array.isArray(data.urls)) {
		const urls = data.urls
			.filter((u): u is string => typeof u === 'string' && u.startsWith('/') && !u.startsWith('//'))
			.filter((u) => !isPrivatePath(u))
			.slice(0, MAX_PAGES);
		event.waitUntil(cachePages(urls));
	}
});
