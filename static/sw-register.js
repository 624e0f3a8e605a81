// Registers the service worker and runs the update flow on every page, with or without the
// app's own JavaScript: a new version waits until the person chooses to load it, so no open page
// runs against assets the new worker has already replaced. Plain script, CSP 'self'.
(function () {
	if (!('serviceWorker' in navigator) || location.hostname === '') return;
	var banner = document.getElementById('update-banner');
	function offer(worker) {
		if (!worker || !navigator.serviceWorker.controller || !banner) return;
		banner.hidden = false;
		banner.querySelector('button').onclick = function () {
			navigator.serviceWorker.addEventListener('controllerchange', function () {
				location.reload();
			});
			worker.postMessage({ type: 'SKIP_WAITING' });
		};
	}
	navigator.serviceWorker
		.register('/service-worker.js')
		.then(function (registration) {
			offer(registration.waiting);
			registration.addEventListener('updatefound', function () {
				var installing = registration.installing;
				if (!installing) return;
				installing.addEventListener('statechange', function () {
					if (installing.state === 'installed') offer(installing);
				});
			});
			// The page the person landed on loaded before the worker controlled it: cache it now,
			// with the pages it names for offline use (e.g. every checklist from the index).
			var meta = document.querySelector('meta[name="pobyt-offline-pages"]');
			var urls = [location.pathname].concat(
				meta ? meta.getAttribute('content').split(' ').filter(Boolean) : []
			);
			return navigator.serviceWorker.ready.then(function (ready) {
				if (!ready.active) return;
				ready.active.postMessage({ type: 'CACHE_PAGES', urls: urls });
				// Requests queued offline (callbacks) go out now, and whenever the connection returns:
				// the fallback where the browser has no Background Sync.
				ready.active.postMessage({ type: 'REPLAY_CALLBACKS' });
				window.addEventListener('online', function () {
					if (navigator.serviceWorker.controller)
						navigator.serviceWorker.controller.postMessage({ type: 'REPLAY_CALLBACKS' });
				});
			});
		})
		.catch(function () {
			// No worker (private mode, old browser, dev server): the site works online as before.
		});
})();
