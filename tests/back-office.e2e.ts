import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import { expect, test, expectNoAxeViolations } from './fixtures';
import { DEMO_PASSWORD, E2E_NOW } from './e2e-env';
import { bookInRussian, ru } from './booking-flow';
import { expectBoxesBesideTheirLabels, expectWordsWhole } from './choice-layout';

// The server's clock is fixed (E2E_NOW), so every account has exactly one fresh TOTP code for the
// whole run: the first sign-in enrols and uses it, later ones use recovery codes. Tests that sign
// in therefore run in this one file, in order, sharing what enrolment handed out.
test.describe.configure({ mode: 'serial' });

const ACCOUNTS = {
	admin: 'admin@pobyt.demo',
	branch_staff: 'urednik@pobyt.demo',
	agent: 'operator@pobyt.demo',
	content_editor: 'redaktor@pobyt.demo',
	analyst: 'analytik@pobyt.demo'
} as const;
type Role = keyof typeof ACCOUNTS;
const ROLES = Object.keys(ACCOUNTS) as Role[];

const recovery = new Map<Role, string[]>();

function totpAt(manualKey: string): string {
	const key = decodeBase32IgnorePadding(manualKey.replace(/\s/g, ''));
	return generateHOTP(key, BigInt(Math.floor(Date.parse(E2E_NOW) / 30_000)), 6);
}

/** Signs in through the pages, enrolling the authenticator on the first sign-in of the run. */
async function signIn(page: Page, role: Role, options: { axe?: boolean } = {}): Promise<void> {
	await page.goto('/en/login');
	if (options.axe) await expectNoAxeViolations(page);
	await page.getByLabel('E-mail').fill(ACCOUNTS[role]);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	const codes = recovery.get(role);
	if (codes) {
		await expect(page).toHaveURL(/\/login\/verify/);
		await page.getByLabel('Code').fill(codes.shift()!);
		await page.getByRole('button', { name: 'Verify' }).click();
		await expect(page).toHaveURL(/\/account$/);
		return;
	}
	await expect(page).toHaveURL(/\/login\/enrol/);
	await expect(page.getByRole('img', { name: /authenticator/i })).toBeVisible();
	if (options.axe) await expectNoAxeViolations(page);
	const manualKey = (await page.locator('.manual-key').textContent())!;
	await page.getByLabel('Code').fill(totpAt(manualKey));
	await page.getByRole('button', { name: 'Confirm' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recovery codes');
	if (options.axe) await expectNoAxeViolations(page);
	const shown = await page.locator('.recovery-codes code').allTextContents();
	expect(shown).toHaveLength(8);
	recovery.set(role, shown);
	await page.getByRole('link', { name: 'Continue' }).click();
}

test('a wrong password gets one message, an error summary and a 400; the e-mail is kept', async ({
	page
}) => {
	await page.goto('/en/login');
	await page.getByLabel('E-mail').fill('nobody@pobyt.demo');
	await page.getByLabel('Password').fill('wrong');
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	expect(response.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText(
		'The e-mail or password is wrong, or the account is not active.'
	);
	await expect(page.getByLabel('E-mail')).toHaveValue('nobody@pobyt.demo');
	await expectNoAxeViolations(page);
});

test('a content editor signs in with TOTP, edits the Ukrainian texts, previews and publishes; the public sees it', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'content_editor', { axe: true });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Document checklists – editing' }).click();
	await expect(page.getByRole('table')).toContainText('Long-term residence permit for study');
	await expectNoAxeViolations(page);
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await expectWordsWhole(page, '.table-scroll th, .table-scroll td')).toBeGreaterThan(10);
	await page.setViewportSize({ width: 1280, height: 720 });

	await page.getByRole('link', { name: 'Long-term residence permit for study' }).click();
	await page
		.getByRole('navigation', { name: 'Language of the texts' })
		.getByRole('link', { name: 'Українська' })
		.click();
	const title = page.getByLabel('Title', { exact: true });
	await expect(title).toHaveValue('Дозвіл на довгострокове перебування з метою навчання');
	await expectNoAxeViolations(page);

	// A mistake: the message by the field, a summary, the rest of the input kept, 400.
	await title.fill('Дозвіл на перебування для навчання');
	await page.getByLabel('Summary').fill('');
	const [bad] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Preview' }).click()
	]);
	expect(bad.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Enter the text.');
	await expect(page.getByLabel('Title', { exact: true })).toHaveValue(
		'Дозвіл на перебування для навчання'
	);
	await page.getByLabel('Summary').fill('Що підготувати до заяви про дозвіл для навчання.');
	await page.getByRole('button', { name: 'Preview' }).click();
	const preview = page.locator('.editor-preview');
	await expect(preview.getByRole('heading', { level: 3 }).first()).toHaveText(
		'Дозвіл на перебування для навчання'
	);
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Publish as a new version' }).click();
	// Version 2 came from content/checklists/*.v2.json (issue 15); the editor adds version 3.
	await expect(page.getByRole('status')).toContainText(
		'Version 3 is published, in force from 2026-11-24.'
	);
	await expect(page.getByRole('table')).toContainText('Karel Redaktor');

	const publicPage = await context.newPage();
	await publicPage.goto('/uk/checklists/long-term-study');
	await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText(
		'Дозвіл на перебування для навчання'
	);
	await publicPage.goto('/en/checklists/long-term-study');
	await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText(
		'Long-term residence permit for study'
	);

	// Sign out ends the session on the server: the old cookie no longer opens anything.
	const cookies = await context.cookies();
	await page.goto('/en/account');
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL(/\/login$/);
	const replay = await browser.newContext();
	await replay.addCookies(cookies);
	const stale = await replay.newPage();
	await stale.goto('/editor/checklists');
	await expect(stale).toHaveURL(/\/login\?next=%2Feditor%2Fchecklists$/);
	await replay.close();
	await context.close();
});

// ---- Every back-office route and form action × every role (and signed out) ----

type Expect = 200 | 400 | 403 | 404 | 'login' | 'account' | 'verify';
interface RouteCase {
	path: string;
	/** Expected for GET, per role; `signedOut` for no session. */
	get: Record<Role | 'signedOut', Expect>;
	/** `ok`: the status an allowed role gets (a harmless request: invalid, or about nobody). */
	actions?: Record<
		string,
		{ path: string; form: Record<string, string>; allowed: Role[]; ok?: number }
	>;
}

const everyone = (value: Expect) =>
	Object.fromEntries([...ROLES, 'signedOut'].map((r) => [r, value])) as RouteCase['get'];
const only = (roles: Role[], ok: Expect = 200): RouteCase['get'] => ({
	...(Object.fromEntries(ROLES.map((r) => [r, roles.includes(r) ? ok : 403])) as Record<
		Role,
		Expect
	>),
	signedOut: 'login'
});

const NOBODY = '/admin/users/00000000-0000-4000-8000-000000000000';
const adminAction = (name: string) => ({
	path: `${NOBODY}?/${name}`,
	form: {},
	allowed: ['admin'] as Role[],
	ok: 404
});

const NIL = '00000000-0000-4000-8000-000000000000';
/** An agent's action on a case or callback that does not exist: the page is a 404. */
const agentActions = (base: string, names: string[]) =>
	Object.fromEntries(
		names.map((a) => [
			a,
			{ path: `${base}?/${a}`, form: {}, allowed: ['agent'] as Role[], ok: 404 }
		])
	);

/** Keyed by SvelteKit route id; the test below fails if the route tree has one not listed. */
const MATRIX: Record<string, RouteCase> = {
	'/agent': {
		path: '/agent',
		get: only(['agent']),
		actions: {
			open: { path: '/agent?/open', form: {}, allowed: ['agent'] },
			// Without the button's channel: refused before a case is started.
			start: { path: '/agent?/start', form: {}, allowed: ['agent'] }
		}
	},
	'/agent/c/[token]': { path: `/agent/c/${'A'.repeat(27)}`, get: only(['agent'], 404) },
	'/agent/case/[id]': {
		path: `/agent/case/${NIL}`,
		get: only(['agent'], 404),
		actions: agentActions(`/agent/case/${NIL}`, ['wrapup', 'flag', 'mail'])
	},
	'/agent/case/[id]/book': {
		path: `/agent/case/${NIL}/book`,
		get: only(['agent'], 404),
		actions: agentActions(`/agent/case/${NIL}/book`, ['book'])
	},
	'/agent/callbacks': {
		path: '/agent/callbacks',
		get: only(['agent']),
		// Without the button's value: nothing is claimed from the queue.
		actions: {
			claim: { path: '/agent/callbacks?/claim', form: {}, allowed: ['agent'] },
			// A worklist row that is not there (any more): someone else took it.
			take: { path: '/agent/callbacks?/take', form: { id: NIL }, allowed: ['agent'], ok: 409 }
		}
	},
	'/agent/callbacks/[id]': {
		path: `/agent/callbacks/${NIL}`,
		get: only(['agent'], 404),
		actions: agentActions(`/agent/callbacks/${NIL}`, ['attempt', 'finish'])
	},
	'/admin': {
		path: '/admin',
		get: only(['admin']),
		actions: { create: { path: '/admin?/create', form: {}, allowed: ['admin'] } }
	},
	'/admin/users/[id]': {
		path: NOBODY,
		get: only(['admin'], 404),
		actions: Object.fromEntries(
			['access', 'disable', 'enable', 'resetPassword', 'resetSecondFactor'].map((a) => [
				a,
				adminAction(a)
			])
		)
	},
	'/admin/audit': { path: '/admin/audit', get: only(['admin']) },
	// An empty form keeps no line: an admin gets 400, nothing is saved.
	'/admin/hotline': {
		path: '/admin/hotline',
		get: only(['admin']),
		actions: {
			save: { path: '/admin/hotline?/save', form: {}, allowed: ['admin'] },
			preview: { path: '/admin/hotline?/preview', form: {}, allowed: ['admin'] }
		}
	},
	'/staff': { path: '/staff', get: only(['branch_staff']) },
	'/staff/[branch]/day': {
		path: '/staff/1/day',
		get: only(['branch_staff']),
		actions: Object.fromEntries(
			['arrived', 'done', 'noShow'].map((a) => [
				a,
				{ path: `/staff/1/day?/${a}`, form: {}, allowed: ['branch_staff'] as Role[] }
			])
		)
	},
	// Branch 1 (Praha I) is one of the demo clerk's branches.
	'/staff/[branch]': {
		path: '/staff/1',
		get: only(['branch_staff']),
		actions: {
			addRule: { path: '/staff/1?/addRule', form: {}, allowed: ['branch_staff'] },
			stopRule: { path: '/staff/1?/stopRule', form: {}, allowed: ['branch_staff'], ok: 404 },
			generate: { path: '/staff/1?/generate', form: {}, allowed: ['branch_staff'] },
			close: { path: '/staff/1?/close', form: {}, allowed: ['branch_staff'] }
		}
	},
	'/staff/[branch]/releases': {
		path: '/staff/1/releases',
		get: only(['branch_staff', 'admin']),
		actions: {
			// Empty forms: an allowed role gets 400 (nothing created) or 404 (no such release).
			create: { path: '/staff/1/releases?/create', form: {}, allowed: ['branch_staff', 'admin'] },
			draw: {
				path: '/staff/1/releases?/draw',
				form: {},
				allowed: ['branch_staff', 'admin'],
				ok: 404
			}
		}
	},
	'/admin/audit/export': { path: '/admin/audit/export', get: only(['admin'], 400) },
	'/login': { path: '/login', get: { ...everyone('account'), signedOut: 200 } },
	'/login/verify': { path: '/login/verify', get: { ...everyone('account'), signedOut: 'login' } },
	'/login/enrol': { path: '/login/enrol', get: { ...everyone('account'), signedOut: 'login' } },
	'/logout': { path: '/logout', get: everyone('account') },
	'/account': {
		path: '/account',
		get: { ...everyone(200), signedOut: 'login' }
	},
	'/editor/checklists': { path: '/editor/checklists', get: only(['content_editor']) },
	'/editor/checklists/[slug]': {
		path: '/editor/checklists/eu-blue-card',
		get: only(['content_editor']),
		actions: {
			preview: {
				path: '/editor/checklists/eu-blue-card?/preview',
				form: { baseVersion: '1' },
				allowed: ['content_editor']
			},
			publish: {
				path: '/editor/checklists/eu-blue-card?/publish',
				// Invalid on purpose (empty texts): an allowed role gets 400, nothing is published.
				form: { baseVersion: '1' },
				allowed: ['content_editor']
			}
		}
	}
};

const BACK_OFFICE_DIRS = ['login', 'logout', 'account', 'editor', 'admin', 'staff', 'agent'];

function routeTree(): { routeId: string; actions: string[] }[] {
	const out: { routeId: string; actions: string[] }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name === '+page.server.ts' || name === '+server.ts' || name === '+page.svelte') {
				const routeId = '/' + relative('src/routes', dir).split('\\').join('/');
				const source = name === '+page.server.ts' ? readFileSync(full, 'utf8') : '';
				const block = /export const actions[^{]*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
				const actions = [...block.matchAll(/^\t(\w+):/gm)].map((m) => m[1]!);
				const existing = out.find((r) => r.routeId === routeId);
				if (existing) existing.actions.push(...actions);
				else out.push({ routeId, actions });
			}
		}
	};
	for (const dir of BACK_OFFICE_DIRS) {
		try {
			walk(join('src/routes', dir));
		} catch {
			// Not built yet.
		}
	}
	return out;
}

/**
 * Actions that sign in or end sessions: exercised by the sign-in tests above and the session
 * tests in src/lib/server/accounts, not by the matrix (which needs its sessions alive).
 */
const SESSION_ACTIONS = new Set([
	'/login?/default',
	'/login/verify?/default',
	'/login/enrol?/default',
	'/logout?/default',
	'/account?/everywhere'
]);

test('the matrix covers every back-office route and form action in the route tree', () => {
	const tree = routeTree();
	expect(tree.map((r) => r.routeId).sort()).toEqual(Object.keys(MATRIX).sort());
	const missing = tree.flatMap((route) =>
		route.actions
			.map((action) => `${route.routeId}?/${action}`)
			.filter((key) => !SESSION_ACTIONS.has(key))
			.filter((key) => {
				const [routeId, action] = key.split('?/');
				return !MATRIX[routeId!]?.actions?.[action!];
			})
	);
	expect(missing).toEqual([]);
});

async function outcome(request: APIRequestContext, path: string, post?: Record<string, string>) {
	const response = post
		? await request.post(path, {
				form: post,
				headers: { origin: new URL(test.info().project.use.baseURL!).origin, accept: 'text/html' },
				maxRedirects: 0
			})
		: await request.get(path, { maxRedirects: 0 });
	const location = response.headers()['location'] ?? '';
	if (response.status() === 303 || response.status() === 302) {
		if (location.startsWith('/login/verify')) return 'verify';
		if (location.startsWith('/login')) return 'login';
		if (location.startsWith('/account')) return 'account';
		return `redirect ${location}`;
	}
	return response.status();
}

test('every role gets exactly what the matrix says, and nothing more', async ({
	browser,
	playwright
}) => {
	const baseURL = test.info().project.use.baseURL!;
	const signedOut = await playwright.request.newContext({ baseURL });
	const sessions = new Map<Role | 'signedOut', APIRequestContext>([['signedOut', signedOut]]);
	for (const role of ROLES) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signIn(page, role);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
		sessions.set(role, context.request);
	}
	const problems: string[] = [];
	for (const [routeId, route] of Object.entries(MATRIX)) {
		for (const [who, request] of sessions) {
			const got = await outcome(request, route.path);
			if (got !== route.get[who])
				problems.push(`GET ${routeId} as ${who}: ${got}, expected ${route.get[who]}`);
			for (const [name, action] of Object.entries(route.actions ?? {})) {
				const result = await outcome(request, action.path, action.form);
				const expected =
					who === 'signedOut'
						? 'login'
						: action.allowed.includes(who as Role)
							? (action.ok ?? 400)
							: 403;
				if (result !== expected)
					problems.push(`POST ${routeId} ?/${name} as ${who}: ${result}, expected ${expected}`);
			}
		}
	}
	expect(problems).toEqual([]);
});

test('an admin creates an account, disables it and exports the access records; axe-clean', async ({
	browser
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.getByRole('link', { name: 'Users and roles' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users and roles');
	await expectNoAxeViolations(page);
	// Roles and branches: each box beside its own label.
	expect(await expectBoxesBesideTheirLabels(page)).toBeGreaterThan(10);

	// Invalid first: messages by the fields, input kept, 400.
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('Name').fill('Nová Úřednice');
	const [bad] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		create.getByRole('button', { name: 'Create account' }).click()
	]);
	expect(bad.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Enter an e-mail such as name@domain.cz.');
	await expect(create.getByLabel('Name')).toHaveValue('Nová Úřednice');
	await create.getByLabel('E-mail').fill('nova.urednice@pobyt.demo');
	await create.getByLabel('Branch staff').check();
	await create.getByLabel('Praha I', { exact: true }).check();
	await create.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('status')).toContainText(
		'Hand over this one-time password in person'
	);

	await page.getByRole('link', { name: 'Nová Úřednice' }).click();
	await expect(page.getByText('nova.urednice@pobyt.demo')).toBeVisible();
	await expectNoAxeViolations(page);
	const userUrl = new URL(page.url());
	const userId = userUrl.pathname.split('/').pop()!;
	await page.getByRole('button', { name: 'Disable account' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.getByRole('button', { name: 'Enable account' })).toBeVisible();

	await page.goto(`/en/admin/audit?type=staff_user&id=${userId}`);
	const rows = page.locator('table tbody tr');
	// Created, read (the page), disabled, read again (the page after the change).
	await expect(rows).toHaveCount(4);
	await expect(page.locator('table')).toContainText('staff_user.read');
	await expect(page.locator('table')).toContainText('staff_user.create');
	await expect(page.locator('table')).toContainText('staff_user.disable');
	await expectNoAxeViolations(page);
	const download = await page.request.get(`/en/admin/audit/export?type=staff_user&id=${userId}`);
	expect(download.headers()['content-disposition']).toContain('attachment');
	const exported = (await download.json()) as { records: { action: string }[] };
	expect(exported.records.map((r) => r.action)).toContain('staff_user.create');

	// The hotline's official numbers: a bad number is refused by its field, a good one is
	// normalised and shown to the public at once; a line may have hours of its own (issue 15).
	// A third line is added and removed again: the other tests on this server see the usual two.
	await page.goto('/en/admin');
	await page.getByRole('link', { name: 'Hotline – numbers and hours' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hotline – numbers and hours');
	await expectNoAxeViolations(page);
	const added = page.getByRole('group', { name: 'New line (optional)' });
	await added.getByLabel('Number').fill('12');
	await added.getByLabel('English').check();
	await added.getByText('Own opening hours of this line').click();
	await added.getByLabel('Friday').fill('08:00–13:00');
	await added.getByLabel('Saturday').fill('13:00–09:00');
	const [refused] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Save' }).click()
	]);
	expect(refused.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Enter a valid number');
	await expectNoAxeViolations(page);
	const third = page.getByRole('group', { name: 'New line (optional)' }).first();
	await expect(third.getByLabel('Number')).toHaveValue('12');
	// The week stays open with what was typed, and its wrong day is named by its field.
	await expect(third.getByLabel('Friday')).toHaveValue('08:00–13:00');
	await expect(third.getByLabel('Saturday')).toHaveValue('13:00–09:00');
	await third.getByLabel('Number').fill('974 801 803');
	await third.getByLabel('Saturday').fill('');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText(/Saved as version \d+\./);
	const saved = page.getByRole('group', { name: 'Line 3' });
	await expect(saved.getByLabel('Number')).toHaveValue('+420 974 801 803');
	await expect(saved.getByLabel('Friday')).toHaveValue('08:00–13:00');
	const contact = await context.newPage();
	await contact.goto('/en/contact');
	await expect(contact.getByRole('link', { name: /974 801 803/ })).toHaveAttribute(
		'href',
		'tel:+420974801803'
	);
	const ownWeek = contact.getByRole('heading', { name: 'Opening hours of +420 974 801 803' });
	await expect(ownWeek).toBeVisible();
	await expect(contact.locator('dl.hours').last()).toContainText('08:00–13:00');
	await expect(contact.getByRole('contentinfo')).toContainText('The hotline is open now');
	await expectNoAxeViolations(contact);
	await saved.getByLabel('Remove this line').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText(/Saved as version \d+\./);
	await contact.reload();
	await expect(contact.getByRole('link', { name: /974 801 803/ })).toHaveCount(0);
	await context.close();
});

test('a branch clerk adds a weekly rule and publishes a week of slots, twice without duplicates; axe-clean', async ({
	browser
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'branch_staff');
	await page.getByRole('link', { name: 'Branches – schedules and slots' }).click();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Praha I', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Praha I');
	await expectNoAxeViolations(page);

	const rule = page.locator('form[action="?/addRule"]');
	await rule.getByLabel('Action').selectOption({ label: 'Exit order' });
	await rule.getByLabel('Day').selectOption({ label: 'Wednesday' });
	await rule.getByLabel('From', { exact: true }).fill('08:00');
	await rule.getByLabel('To', { exact: true }).fill('10:00');
	await rule.getByLabel('Slot length (min)').fill('30');
	await rule.getByLabel('Counters (capacity)').fill('2');
	await rule.getByLabel('Valid from').fill('2026-11-24');
	await rule.getByRole('button', { name: 'Add rule' }).click();
	await expect(page.locator('table').filter({ hasText: 'Wednesday' })).toContainText('08:00–10:00');
	// At 360 px the tables scroll sideways rather than break their words letter by letter.
	expect(await expectWordsWhole(page, '.table-scroll th, .table-scroll td')).toBeGreaterThan(10);

	const generate = page.locator('form[action="?/generate"]');
	await generate.getByLabel('From', { exact: true }).fill('2026-11-24');
	await generate.getByLabel('To', { exact: true }).fill('2026-12-06');
	await generate.getByRole('button', { name: 'Create slots' }).click();
	// Wednesdays 25 November and 2 December, 8:00–10:00 in 30 minutes.
	await expect(page.getByRole('status')).toContainText('Created: 8, updated: 0.');
	await expect(page.locator('table').first()).toContainText('2026-11-25');
	await generate.getByLabel('From', { exact: true }).fill('2026-11-24');
	await generate.getByLabel('To', { exact: true }).fill('2026-12-06');
	await generate.getByRole('button', { name: 'Create slots' }).click();
	await expect(page.getByRole('status')).toContainText('Created: 0, updated: 0.');
	await expectNoAxeViolations(page);

	// Bad input: a message by the field, a summary, 400.
	const [bad] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.locator('form[action="?/close"]').getByRole('button', { name: 'Close' }).click()
	]);
	expect(bad.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Give a reason.');
	await context.close();
});

test('a foreigner books a slot the clerk published, in Russian; the clerk finds them on the day and checks them in by reference', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const foreigner = await browser.newContext();
	const booking = await foreigner.newPage();
	// One of the slots the clerk published above (exit order, Praha I, from 2 December).
	const { reference } = await bookInRussian(
		booking,
		{
			name: 'Гульнара Исмаилова',
			document: 'KZ 5555 0001'
		},
		{ service: 'exit_order' }
	);
	// The day of the appointment, from its calendar file (in Prague time).
	const ics = await booking.request.get(
		(await booking.getByRole('link', { name: ru.booking_calendar }).getAttribute('href'))!
	);
	const start = /DTSTART;TZID=Europe\/Prague:(\d{4})(\d{2})(\d{2})T/.exec(await ics.text())!;
	const day = `${start[1]}-${start[2]}-${start[3]}`;
	expect(day).toBe('2026-12-02');
	russianReference = reference;
	await foreigner.close();

	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'branch_staff');
	await page.goto('/en/staff/1');
	await page.getByRole('link', { name: 'The day at the counter' }).click();
	await page.getByLabel('Day').fill(day);
	await page.getByRole('button', { name: 'Show' }).click();
	const row = page.locator('tr', { hasText: reference });
	await expect(row).toContainText('Гульнара Исмаилова');
	await expect(row).toContainText('booked');
	await expectNoAxeViolations(page);

	await page
		.getByLabel('Booking reference (e.g. AC3D-7KFM)')
		.fill(reference.toLowerCase().replace('-', ' '));
	await page.getByRole('button', { name: 'Check in', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Recorded.');
	await expect(page.locator('tr', { hasText: reference })).toContainText('arrived');
	await page.getByRole('button', { name: `Done ${reference}` }).click();
	await expect(page.locator('tr', { hasText: reference })).toContainText('done');
	await context.close();
});

/** The Russian booking's reference, for the access-record search at the end. */
let russianReference = '';

test('where the browser can read QR codes, the clerk checks a person in with the camera', async ({
	browser
}) => {
	const foreigner = await browser.newContext();
	const { reference } = await bookInRussian(
		await foreigner.newPage(),
		{ name: 'Айдар Нурланов', document: 'KZ 5555 0002' },
		{ slot: 6 }
	);
	await foreigner.close();

	const context = await browser.newContext();
	// A camera that films the booking's QR code: a canvas stream, and a detector that reads it.
	await context.addInitScript((code: string) => {
		const canvas = document.createElement('canvas');
		canvas.width = 64;
		canvas.height = 64;
		const paint = canvas.getContext('2d')!;
		setInterval(() => paint.fillRect(0, 0, 64, Math.random() * 64), 50);
		const stream = canvas.captureStream(20);
		Object.defineProperty(navigator, 'mediaDevices', {
			value: { getUserMedia: async () => stream }
		});
		(window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = class {
			async detect() {
				return [{ rawValue: code }];
			}
		};
	}, reference);
	const page = await context.newPage();
	await signIn(page, 'branch_staff');
	await page.goto('/en/staff/1/day');
	await page.getByRole('button', { name: 'Scan the QR code with the camera' }).click();
	await expect(page.getByRole('status')).toHaveText('Recorded.');
	await context.close();
});

/** The `<code>.<token>` the public help page keeps in its `pobyt_context` cookie. */
function sharedContext(response: APIResponse): { code: string; token: string } {
	const cookie = response
		.headersArray()
		.find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('pobyt_context='));
	expect(cookie, 'the pobyt_context cookie').toBeTruthy();
	const value = decodeURIComponent(cookie!.value.split(';')[0]!.slice('pobyt_context='.length));
	const [code, token] = value.split('.');
	expect(code).toMatch(/^\d{6}$/);
	return { code: code!, token: token! };
}

test('a hotline agent opens a shared context by code and by link, records the call, and works a callback; axe-clean', async ({
	browser,
	playwright
}) => {
	// The longest journey of the suite (caller, agent, booking, callback): 2.5 min in a clean CI
	// run on this two-core machine with the other worker busy.
	test.setTimeout(180_000);
	const baseURL = test.info().project.use.baseURL!;
	// The caller, on the public help page (Ukrainian): shares the employee-card checklist with two
	// documents ticked and a question, and asks for a callback.
	const caller = await playwright.request.newContext({ baseURL });
	const post = (path: string, form: Record<string, string>) =>
		caller.post(path, {
			form,
			headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
			maxRedirects: 0
		});
	const shareForm = new URLSearchParams([
		['consent', 'yes'],
		['pagePath', '/uk/checklists/employee-card'],
		['topic', 'Картка працівника'],
		['checklist', 'employee-card'],
		['ticked', 'passport'],
		['ticked', 'photo'],
		['question', 'Чи потрібен переклад диплома?']
	]);
	const shared = await caller.post('/uk/help?/share', {
		data: shareForm.toString(),
		headers: {
			origin: new URL(baseURL).origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		maxRedirects: 0
	});
	expect(shared.status()).toBe(303);
	expect(shared.headers()['location']).toMatch(/\/uk\/help\/shared$/);
	const { code, token } = sharedContext(shared);
	const callback = await post('/uk/help?/callback', {
		phone: '+420 777 123 456',
		locale: 'uk',
		date: '',
		from: '',
		to: ''
	});
	expect(callback.status()).toBe(303);
	expect(callback.headers()['location']).toMatch(/\/uk\/help\/callback-requested$/);
	await caller.dispose();

	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'agent');
	await page.getByRole('link', { name: 'Hotline – agent console' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agent console');
	await expectNoAxeViolations(page);

	// A mistyped code: the message by the field, a summary, the input kept, 4xx.
	await page.getByLabel('Code the caller reads out').fill('48 29');
	const [bad] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Open', exact: true }).click()
	]);
	expect(bad.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Enter the six-digit code');
	await expect(page.getByLabel('Code the caller reads out')).toHaveValue('48 29');
	await expectNoAxeViolations(page);

	// The code as the caller reads it out, in two groups.
	await page.getByLabel('Code the caller reads out').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
	await page.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(page).toHaveURL(/\/en\/agent\/case\/[0-9a-f-]{36}$/);
	const caseUrl = page.url();
	await expect(page.getByText('Чи потрібен переклад диплома?')).toBeVisible();
	await expect(page.getByText('Ukrainian', { exact: true })).toBeVisible();
	// The checklist item by item, Ukrainian beside English; the two ticked ones marked as had.
	const missing = page.locator('tr.desk-columns__missing');
	await expect(missing).toHaveCount(7);
	await expect(missing.locator('.desk-columns__agent')).toContainText([
		'Completed employee card application form'
	]);
	await expect(page.locator('tr[data-key="passport"]')).toHaveClass(/desk-columns__ticked/);
	await expectNoAxeViolations(page);

	// A flag during the call: refused without a kind (400, by the field), then recorded.
	await page.getByText('Flag a problem').click();
	const [noFlag] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Flag', exact: true }).click()
	]);
	expect(noFlag.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Choose the kind of problem.');
	await page.getByText('Flag a problem').click();
	await page.getByLabel('intermediary or scam').check();
	await page.getByRole('button', { name: 'Flag', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');

	// Booking for the caller (hotline channel): action, branch, then time and details; bad details
	// first (400, the input kept), then booked, with the confirmation going to the caller.
	await page.getByRole('link', { name: 'Book an appointment for the caller' }).click();
	await page.getByRole('link', { name: 'Registration after arrival' }).click();
	await page.getByRole('link', { name: 'Praha I', exact: true }).click();
	await expectNoAxeViolations(page);
	await page.locator('details.day[open] input[name="slot"]').last().check();
	await page.getByLabel('Full name').fill('Olena Kovalenko');
	const [badBooking] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Book', exact: true }).click()
	]);
	expect(badBooking.status()).toBe(400);
	await expect(page.getByLabel('Full name')).toHaveValue('Olena Kovalenko');
	await expectNoAxeViolations(page);
	await page.locator('details.day[open] input[name="slot"]').last().check();
	await page.getByLabel('Day').fill('1');
	await page.getByLabel('Month').fill('5');
	await page.getByLabel('Year').fill('1990');
	await page.getByLabel('Citizenship').fill('UA');
	await page.getByLabel('Travel document number').fill('FA 777001');
	await page.getByLabel('E-mail').fill('olena@example.com');
	await page.getByRole('button', { name: 'Book', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(/Booked: [A-Z0-9]{4}-[A-Z0-9]{4}/);
	await expectNoAxeViolations(page);

	// The wrap-up: without an outcome, 400 with the message by the field and the choices kept;
	// then topics, outcome and a note saved together, and an empty console.
	await page.goto(caseUrl);
	await page.getByLabel('employee card', { exact: true }).check();
	const [noOutcome] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Save and take the next call' }).click()
	]);
	expect(noOutcome.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Choose the outcome of the call.');
	await expect(page.getByLabel('employee card', { exact: true })).toBeChecked();
	await page.getByLabel('booked at a branch', { exact: true }).check();
	await page.getByLabel('Note', { exact: true }).fill('Diploma translation explained.');
	await page.getByRole('button', { name: 'Save and take the next call' }).click();
	await expect(page).toHaveURL(/\/en\/agent\?done=wrapup$/);
	await expect(page.getByRole('status')).toContainText('The call is saved.');

	// The same context through the link the caller shared: the same case, with its note.
	await page.goto(`/en/agent/c/${token}`);
	await expect(page).toHaveURL(caseUrl);
	await expect(page.locator('.case-notes')).toContainText('Diploma translation explained.');
	await expect(page.getByLabel('booked at a branch', { exact: true })).toBeChecked();
	// A link that leads nowhere: a 404 page saying so.
	const gone = await page.goto(`/en/agent/c/${'B'.repeat(27)}`);
	expect(gone?.status()).toBe(404);
	await expect(page.getByText('This link leads to no context.')).toBeVisible();
	await expectNoAxeViolations(page);

	// A call where nothing was shared.
	await page.goto('/en/agent');
	await page.getByRole('button', { name: 'Start a case' }).click();
	await expect(page).toHaveURL(/\/en\/agent\/case\/[0-9a-f-]{36}$/);
	await expect(page.locator('#pane-caller')).toContainText('The caller shared nothing.');

	// The callback queue: claim one, try, record it, close it.
	await page.goto('/en/agent');
	await page.getByRole('link', { name: 'Callbacks' }).click();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Claim the next callback' }).click();
	await expect(page).toHaveURL(/\/en\/agent\/callbacks\/[0-9a-f-]{36}$/);
	await expect(page.locator('a.callback-phone')).toHaveAttribute('href', /^tel:\+\d+$/);
	await expectNoAxeViolations(page);
	const [noResult] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Record the try' }).click()
	]);
	expect(noResult.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Choose the result of the try.');
	await page.getByLabel('reached').check();
	await page.getByRole('button', { name: 'Record the try' }).click();
	await expect(page.getByRole('status')).toHaveText('The try is recorded.');
	await page.getByLabel('completed').check();
	await page.getByRole('button', { name: 'Close', exact: true }).click();
	await expect(page).toHaveURL(/\/en\/agent\/callbacks\?done=completed$/);
	await expect(page.getByRole('status')).toHaveText('The request is completed.');
	await context.close();
});

test('after sign-in, `next` leads only within the site, and the pre-second-factor session is dead', async ({
	browser
}) => {
	if (!recovery.get('analyst')?.length) {
		const enrol = await browser.newContext();
		await signIn(await enrol.newPage(), 'analyst');
		await enrol.close();
	}
	const context = await browser.newContext();
	const page = await context.newPage();
	// `/\t/evil.example` is `//evil.example` to a browser (issue 12).
	await page.goto('/en/login?next=%2F%09%2Fevil.example');
	await page.getByLabel('E-mail').fill(ACCOUNTS.analyst);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/en\/login\/verify/);
	const cookieOf = async () =>
		(await context.cookies()).find((c) => c.name === 'pobyt_staff')?.value ?? '';
	const beforeSecondFactor = await cookieOf();
	expect(beforeSecondFactor).not.toBe('');
	await page.getByLabel('Code').fill(recovery.get('analyst')!.shift()!);
	await page.getByRole('button', { name: 'Verify' }).click();
	await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/en\/account$/);
	const afterSecondFactor = await cookieOf();
	expect(afterSecondFactor).not.toBe(beforeSecondFactor);

	// Signed in, every hostile `next` lands on the account page, on this site.
	for (const next of [
		'%2F%09%2Fevil.example',
		'%2F%5Cevil.example',
		'%2F%2Fevil.example',
		'%2F%0A%2Fevil.example',
		'%2F%E2%80%A8%2Fevil.example',
		'https%3A%2F%2Fevil.example',
		'%2F.%2F%2Fevil.example'
	]) {
		const response = await page.request.get(`/en/login?next=${next}`, { maxRedirects: 0 });
		expect(response.status(), next).toBe(303);
		expect(response.headers().location, next).toBe('/en/account');
	}

	// The token from before the second factor opens nothing (and is deleted); the renewed one does.
	const asToken = (token: string) =>
		page.request.get('/en/account', {
			maxRedirects: 0,
			headers: { cookie: `pobyt_staff=${token}` }
		});
	const old = await asToken(beforeSecondFactor);
	expect(old.status()).toBe(303);
	expect(old.headers().location).toMatch(/^\/en\/login\?next=/);
	expect((await asToken(afterSecondFactor)).status()).toBe(200);
	await context.close();
});

test('an admin finds the access records by booking reference, by e-mail and by staff e-mail; human type names, Prague time', async ({
	browser
}) => {
	expect(russianReference).not.toBe('');
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.goto('/en/admin/audit');
	await expect(page.getByLabel('Kind of subject')).toContainText('Staff account');
	await expect(page.getByLabel('Kind of subject')).not.toContainText('staff_user');

	// The reference as a person reads it out: lower case, without the dash.
	const search = async (q: string) => {
		await page.getByLabel('E-mail, booking reference, proceeding number or identifier').fill(q);
		await page.getByRole('button', { name: 'Show records' }).click();
	};
	await search(russianReference.toLowerCase().replace('-', ''));
	const booking = page.getByRole('region', { name: `Booking: ${russianReference}` });
	// The clerk read the day's list, checked the person in and marked them done, at 10:30 Prague
	// time (09:30 UTC).
	await expect(booking).toContainText('booking.arrived');
	await expect(booking).toContainText('booking.done');
	await expect(booking).toContainText('Petr Úředník (urednik@pobyt.demo)');
	await expect(booking.locator('tbody tr').first()).toContainText('10:30');
	await expectNoAxeViolations(page);

	// By the e-mail given with the booking: the same booking among that address's bookings.
	await search('TEST@example.com');
	await expect(page.getByRole('region', { name: `Booking: ${russianReference}` })).toContainText(
		'booking.arrived'
	);

	// A staff member's own records, by their e-mail.
	await search('nova.urednice@pobyt.demo');
	await expect(
		page.getByRole('region', { name: 'Staff account: nova.urednice@pobyt.demo' })
	).toContainText('staff_user.create');

	// Unreadable input: the message by the field, 400-free (a GET form), the input kept.
	await search('hello');
	await expect(page.getByRole('alert')).toContainText('Enter an e-mail, a booking reference');
	await expect(
		page.getByLabel('E-mail, booking reference, proceeding number or identifier')
	).toHaveValue('hello');
	await context.close();
});
