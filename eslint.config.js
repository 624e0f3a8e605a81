import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import boundaries from './eslint.boundaries.js';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-e2e-*/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'drizzle/',
			'reports/',
			'test-results/',
			'playwright-report/',
			'data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: { allowDefaultProject: ['playwright.config.ts', 'drizzle.config.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// Every link goes through `localizeHref` (src/lib/i18n.ts); the app has no base path.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }]
		}
	},
	...boundaries,
	{
		// Kit type-checks the service worker apart (webworker lib), and scripts run under tsx:
		// both are outside the project's tsconfig, so they are linted without type information.
		files: ['src/service-worker.ts', 'scripts/**/*.ts'],
		...ts.configs.disableTypeChecked,
		languageOptions: { parserOptions: { projectService: false, project: null } }
	}
);
