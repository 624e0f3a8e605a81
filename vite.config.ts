import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const localized = (path: string): [string, string][] => [
	['en', `/en${path}`],
	['uk', `/uk${path}`],
	['ru', `/ru${path}`],
	['vi', `/vi${path}`],
	['cs', path || '/']
];

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The URL alone decides the language; Accept-Language only makes the home page offer one.
			strategy: ['url', 'baseLocale'],
			urlPatterns: [
				// An explicit root entry, or `/uk/` would redirect twice (STACK.md pitfall 6).
				{ pattern: '/', localized: localized('') },
				{ pattern: '/:path(.*)?', localized: localized('/:path(.*)?') }
			]
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
					include: ['src/**/*.svelte.spec.ts']
				}
			}
		]
	}
});
