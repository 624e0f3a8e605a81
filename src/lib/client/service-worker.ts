import { dev } from '$app/environment';

/**
 * Registration and the update flow. A new worker waits until the person chooses to reload, so a
 * page never runs against assets the new worker has already thrown away.
 */
export function watchForUpdate(onWaiting: (worker: ServiceWorker) => void): () => void {
	if (!('serviceWorker' in navigator)) return () => {};
	let stopped = false;
	const offer = (worker: ServiceWorker | null) => {
		if (worker && navigator.serviceWorker.controller && !stopped) onWaiting(worker);
	};
	navigator.serviceWorker
		.register('/service-worker.js', { type: dev ? 'module' : 'classic' })
		.then((registration) => {
			offer(registration.waiting);
			void navigator.serviceWorker.ready.then((ready) =>
				ready.active?.postMessage({ type: 'CACHE_PAGE', url: location.pathname })
			);
			registration.addEventListener('updatefound', () => {
				const installing = registration.installing;
				installing?.addEventListener('statechange', () => {
					if (installing.state === 'installed') offer(installing);
				});
			});
		})
		.catch(() => {
			// No worker (private mode, old browser): the site works online as before.
		});
	return () => {
		stopped = true;
	};
}

export function applyUpdate(worker: ServiceWorker): void {
	navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
	worker.postMessage({ type: 'SKIP_WAITING' });
}
