import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { ENHANCEMENTS } from './src/lib/enhancement-names.js';

/**
 * Public pages are server-rendered without Kit's client (docs/adr/0002), so Kit skips its client
 * build. What little a page needs in the browser (IndexedDB, ticks) is a small module per feature,
 * built here on its own (no shared chunks, so the service worker can precache exact files) into
 * Kit's client output, which the adapter then copies to build/client/_app/enhance/.
 */
function enhancements(): Plugin {
	let done = false;
	return {
		name: 'pobyt-enhancements',
		apply: 'build',
		writeBundle: {
			sequential: true,
			order: 'post',
			async handler(options) {
				if (done || !options.dir?.endsWith(join('output', 'server'))) return;
				done = true;
				for (const name of ENHANCEMENTS) {
					await build({
						configFile: false,
						logLevel: 'warn',
						build: {
							outDir: resolve(options.dir, '..', 'client', '_app', 'enhance'),
							emptyOutDir: false,
							target: 'es2020',
							rollupOptions: {
								input: { [name]: resolve('src/lib/client/enhance', `${name}.ts`) },
								output: { format: 'es', entryFileNames: '[name].js' }
							}
						}
					});
				}
			}
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		enhancements(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The URL prefix alone decides the language (src/hooks.ts); Accept-Language only makes
			// the home page offer one.
			strategy: ['custom-prefix', 'baseLocale']
		})
	],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					// Tests that print dates assume UTC, as `npm test` sets it; a bare `npx vitest` too.
					env: { TZ: 'UTC' },
					include: ['src/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.spec.ts'],
					globalSetup: ['./src/lib/server/testing/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'components',
					environment: 'node',
					env: { TZ: 'UTC' },
					include: ['src/**/*.svelte.spec.ts']
				}
			}
		]
	}
});
