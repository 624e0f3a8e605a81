import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Kit adds hashes for its own inline bootstrap script; nothing else may run inline.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		version: { pollInterval: 5 * 60 * 1000 },
		// Root-relative asset URLs: the service worker serves the precached `/uk/offline` for any
		// page, e.g. `/uk/book/card-pickup`, where `../_app/…` would point at `/uk/_app/…`.
		paths: { relative: false },
		// Kit's origin check on form posts stays on (its default); registration is ours (update flow).
		serviceWorker: { register: false }
	}
};

export default config;
