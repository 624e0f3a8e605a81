// The layers, enforced (issue 12, "The boundaries, enforced"; docs/adr/0013):
// - a domain's `*.repository` and `*.schema` are imported only inside that domain — by its own
//   files, by other domains' data layer (a schema's foreign key, a repository's join or a write in
//   the same transaction), by `db/` (the schema index, seeding) and by tests;
// - the database handle (`db`) only by repositories (types such as `Db` may travel);
// - configuration from `config.ts`, never from `startup.ts` (which drags in nodemailer, seeding
//   and timers): only `hooks.server.ts` starts the server.
// Kept apart from eslint.config.js so a test can run these rules on planted code.
import { readdirSync, statSync } from 'node:fs';

const SERVER = 'src/lib/server';
const NOT_DOMAINS = new Set(['db', 'testing', 'http']);
export const DOMAINS = readdirSync(SERVER).filter(
	(name) => !NOT_DOMAINS.has(name) && statSync(`${SERVER}/${name}`).isDirectory()
);

const TESTS = ['**/*.spec.ts', 'src/lib/server/testing/**'];
/** The rate-limit domain's queries live in limiter.ts (its repository in all but name). */
const DATA_LAYER = ['**/*.repository.ts', '**/*.schema.ts', '**/rate-limit/limiter.ts'];

const DATA_MESSAGE =
	"Another domain's repository or schema: call that domain's service instead (docs/adr/0013).";
const DB_MESSAGE = 'Only repositories use the database handle (docs/adr/0013).';
const STARTUP_MESSAGE = 'Read configuration from config.ts; startup.ts is for hooks.server.ts.';

// Types (a row shape, `WeeklyHours`) may cross: they are no dependency on another's tables.
/** @param {string} domain */
const otherDomainData = (domain) => ({
	regex: `^(?:\\.\\./|\\.\\./\\.\\./server/|\\$lib/server/)(?!${domain}/)[a-z-]+/[a-z-]+\\.(?:repository|schema)$`,
	allowTypeImports: true,
	message: DATA_MESSAGE
});
const anyDomainData = {
	regex: `(?:^|/)[a-z-]+\\.(?:repository|schema)$`,
	allowTypeImports: true,
	message: DATA_MESSAGE
};
const database = {
	regex: '(?:^\\.{1,2}/|/server/|^\\.\\./\\.\\./)db(?:/index)?$',
	allowTypeImports: true,
	message: DB_MESSAGE
};
const startup = { regex: '(?:^|/)startup$', message: STARTUP_MESSAGE };

/**
 * @param {object[]} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (...patterns) => ({
	'no-restricted-imports': ['error', { patterns }]
});

/** @type {import('eslint').Linter.Config[]} */
export default [
	// Inside a domain: its own data layer only (services, helpers).
	...DOMAINS.map((domain) => ({
		files: [`${SERVER}/${domain}/**/*.ts`],
		ignores: [...TESTS, ...DATA_LAYER],
		rules: restrict(otherDomainData(domain), database, startup)
	})),
	// A domain's data layer may use other domains' tables and repositories (foreign keys, joins,
	// a mail enqueued in the booking's transaction), never the configuration's start-up.
	...DOMAINS.map((domain) => ({
		files: DATA_LAYER.map((pattern) => `${SERVER}/${domain}/${pattern}`),
		ignores: TESTS,
		rules: restrict(startup)
	})),
	{
		files: [`${SERVER}/retention.ts`],
		rules: restrict(database, startup)
	},
	// Outside the domains (routes, hooks, http helpers, top-level server modules): services only.
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: [
			...TESTS,
			...DOMAINS.map((domain) => `${SERVER}/${domain}/**`),
			`${SERVER}/db/**`,
			`${SERVER}/startup.ts`,
			// The retention job deletes what each domain no longer needs, in one place.
			`${SERVER}/retention.ts`,
			'src/hooks.server.ts'
		],
		rules: restrict(anyDomainData, database, startup)
	}
];
