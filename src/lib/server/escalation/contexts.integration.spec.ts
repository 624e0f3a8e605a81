import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { branches, services } from '../booking/booking.schema';
import { confirmBooking, holdSlot } from '../booking/bookings.service';
import { slots } from '../booking/schedule.schema';
import { loadChecklistsFromFiles } from '../content/content.service';
import { seedDemoData } from '../db/seed';
import { usageEvents } from '../insights/insights.schema';
import { flushUsageEvents } from '../insights/insights.service';
import { rateLimits } from '../rate-limit/rate-limit.schema';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { openContextByCode, openContextByToken } from './agent-console.service';
import { flagCase, wrapUpCase, startCase } from './cases.service';
import { formatContextCode } from './context-code';
import { bookForCaller } from '../booking/hotline-booking.service';
import { callContexts } from './contexts.schema';
import {
	CONTEXT_HOURS,
	createContext,
	withdrawContext,
	type ContextShare
} from './contexts.service';

const NOW = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Prague
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
/** A code made on Tuesday 10:00 lasts to Wednesday 16:00, the end of the line's next opening. */
const VALID = 30;
const SECRET = 'test-secret-0123456789abcdef0123456789';
const requester = { clientAddress: '198.51.100.23', secret: SECRET };
/** A demo proceeding of the seed (seed-data.ts): preliminarily assessed positively. */
const PROCEEDING = { number: 51727, serial: 4, typeCode: 'DP' as const, year: 2026 };

const share = (over: Partial<ContextShare> = {}): ContextShare => ({
	locale: 'uk',
	pagePath: '/uk/checklists/employee-card?from=search',
	topic: 'Zaměstnanecká karta',
	question: 'Do I need a translation of my diploma?',
	proceeding: null,
	checklist: null,
	bookingToken: null,
	bookingDraft: null,
	...over
});

describe.each(ENGINES)('shared call contexts on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let agent: Actor;
	let clerk: Actor;
	let bookingToken: string;
	let bookingReference: string;

	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 0 });
		await loadChecklistsFromFiles(t.db, 'content', NOW);
		const users = Object.fromEntries(
			(await t.db.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers)).map(
				(u) => [u.email, u.id]
			)
		);
		agent = {
			userId: users['operator@pobyt.demo']!,
			displayName: 'Jana',
			roles: new Set(['agent']),
			branchIds: []
		};
		clerk = { ...agent, userId: users['urednik@pobyt.demo']!, roles: new Set(['branch_staff']) };

		const [branch] = await t.db.select().from(branches).where(eq(branches.slug, 'praha-1'));
		const [service] = await t.db.select().from(services).where(eq(services.slug, 'biometrics'));
		const [slot] = await t.db
			.insert(slots)
			.values({
				branchId: branch!.id,
				serviceId: service!.id,
				startsAt: at(72),
				endsAt: at(72.25),
				capacity: 1
			})
			.returning({ id: slots.id });
		const hold = await holdSlot(slot!.id, NOW);
		if (hold.kind !== 'held') throw new Error('full');
		const booked = await confirmBooking({
			holdToken: hold.token,
			details: {
				fullName: 'Olena Kovalenko',
				birthDate: '1990-03-27',
				nationality: 'UA',
				documentNumber: 'FA 123456',
				email: 'olena@example.com',
				phone: null,
				proceedingNumber: null
			},
			channel: 'web',
			locale: 'uk',
			secret: SECRET,
			now: NOW
		});
		if (booked.kind !== 'confirmed') throw new Error(booked.kind);
		bookingToken = booked.token;
		bookingReference = booked.booking.reference;
	});

	const audits = async (subjectType: string, subjectId: string, action: string) =>
		(
			await t.db
				.select({ n: count() })
				.from(auditLog)
				.where(
					and(
						eq(auditLog.subjectType, subjectType),
						eq(auditLog.subjectId, subjectId),
						eq(auditLog.action, action)
					)
				)
		)[0]!.n;

	it('shares everything the person chose; the agent sees it live by code and by link, audited each time', async () => {
		const created = await createContext(
			share({
				proceeding: { number: PROCEEDING, birthDate: '1990-03-27' },
				checklist: { slug: 'employee-card', ticked: ['passport', 'passport', 'not-an-item'] },
				bookingToken,
				bookingDraft: { serviceSlug: 'card-pickup', branchSlug: 'brno' }
			}),
			requester,
			NOW
		);
		if (created.kind !== 'created') throw new Error(created.kind);
		expect(created.code).toMatch(/^\d{6}$/);
		expect(created.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
		expect(created.expiresAt).toEqual(at(VALID));
		expect(VALID).toBeGreaterThan(CONTEXT_HOURS);
		// Only the token's hash is stored.
		const [stored] = await t.db
			.select()
			.from(callContexts)
			.where(eq(callContexts.id, created.contextId));
		expect(Buffer.from(stored!.tokenHash).toString('utf8')).not.toContain(created.token);
		expect(stored!.pagePath).toBe('/uk/checklists/employee-card');

		const lookupLimits = async () =>
			(
				await t.db
					.select({ n: count() })
					.from(rateLimits)
					.where(sql`${rateLimits.key} like 'lookup:%'`)
			)[0]!.n;
		const limitsBefore = await lookupLimits();
		const byCode = await openContextByCode(agent, formatContextCode(created.code), at(2), 'en');
		if (byCode.kind !== 'opened') throw new Error(byCode.kind);
		const view = byCode.context;
		expect(view).toMatchObject({
			id: created.contextId,
			code: formatContextCode(created.code),
			locale: 'uk',
			// Titles, not paths: the agent's language and the caller's (issue 17).
			page: {
				agent: 'Employee card – first application',
				caller: 'Картка працівника (zaměstnanecká karta) – заява про видачу'
			},
			topic: 'Zaměstnanecká karta',
			question: 'Do I need a translation of my diploma?',
			bookingDraft: { serviceSlug: 'card-pickup', branchSlug: 'brno' },
			case: { channel: 'call', topics: [], outcome: null, notes: [], flags: [] }
		});
		expect(view.proceeding?.number).toBe('OAM-51727-4/DP-2026');
		expect(view.proceeding?.status.stage).toBe('preliminary_positive');
		expect(view.checklist?.slug).toBe('employee-card');
		// Item by item in both languages, the caller's ticks kept (issue 17 point 2).
		const missing = view.checklist!.items.filter((i) => !i.ticked);
		expect(missing).toHaveLength(view.checklist!.total - 1);
		expect(missing.map((i) => i.key)).not.toContain('passport');
		expect(view.checklist!.untickedCount).toBe(missing.length);
		expect(view.checklist!.items[0]).toMatchObject({
			number: 1,
			key: 'application-form',
			agent: 'Completed employee card application form',
			caller: 'Заповнений бланк заяви про картку працівника'
		});
		expect(view.booking).toMatchObject({
			reference: bookingReference,
			state: 'active',
			fullName: 'Olena Kovalenko'
		});

		const byLink = await openContextByToken(agent, created.token, at(3));
		expect(byLink.kind === 'opened' && byLink.context.case.id).toBe(view.case.id);
		// The agent's reads are not guesses: the lookup limits are untouched.
		expect(await lookupLimits()).toBe(limitsBefore);

		expect(await audits('context', created.contextId, 'context.open')).toBe(2);
		expect(await audits('booking', view.booking!.id, 'booking.read')).toBe(2);
		const [reason] = await t.db
			.select({ reason: auditLog.reason })
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, created.contextId), eq(auditLog.actorId, agent.userId)))
			.orderBy(auditLog.id);
		expect(reason?.reason).toBe('/agent');
		const proceedingReads = await t.db
			.select({ id: auditLog.subjectId })
			.from(auditLog)
			.where(and(eq(auditLog.subjectType, 'proceeding'), eq(auditLog.action, 'proceeding.read')));
		expect(proceedingReads).toHaveLength(2);
	});

	it('refuses what does not match: wrong date of birth, unknown booking, malformed fields', async () => {
		expect(
			await createContext(
				share({ proceeding: { number: PROCEEDING, birthDate: '1990-03-28' } }),
				requester,
				NOW
			)
		).toEqual({ kind: 'proceeding_not_found' });
		expect(await createContext(share({ bookingToken: 'A'.repeat(27) }), requester, NOW)).toEqual({
			kind: 'booking_not_found'
		});
		expect(
			await createContext(
				share({
					locale: 'de',
					pagePath: 'https://elsewhere.example/',
					question: 'x'.repeat(281),
					checklist: { slug: 'Employee Card', ticked: [] },
					bookingToken: 'short'
				}),
				requester,
				NOW
			)
		).toEqual({
			kind: 'invalid',
			fields: ['locale', 'pagePath', 'question', 'checklist', 'booking']
		});
		// 280 characters (not UTF-16 units) are fine.
		expect((await createContext(share({ question: 'я'.repeat(280) }), requester, NOW)).kind).toBe(
			'created'
		);
	});

	it('refuses expired and withdrawn contexts; withdrawing frees the code and erases what was shared', async () => {
		const first = await createContext(share(), requester, NOW);
		if (first.kind !== 'created') throw new Error(first.kind);
		expect((await openContextByCode(agent, first.code, at(VALID - 0.1))).kind).toBe('opened');
		expect((await openContextByCode(agent, first.code, at(VALID))).kind).toBe('expired');
		expect((await openContextByToken(agent, first.token, at(VALID + 6))).kind).toBe('expired');
		expect(await withdrawContext(first.token, at(VALID + 6))).toBe(false);

		const second = await createContext(share(), requester, NOW);
		if (second.kind !== 'created') throw new Error(second.kind);
		expect(await withdrawContext(second.token, at(1))).toBe(true);
		expect(await withdrawContext(second.token, at(1))).toBe(false);
		expect((await openContextByToken(agent, second.token, at(2))).kind).toBe('withdrawn');
		expect((await openContextByCode(agent, second.code, at(2))).kind).toBe('not_found');
		const [row] = await t.db
			.select()
			.from(callContexts)
			.where(eq(callContexts.id, second.contextId));
		expect(row).toMatchObject({ code: null, question: null, topic: null, withdrawnAt: at(1) });
		expect((await openContextByToken(agent, 'not-a-token', NOW)).kind).toBe('not_found');
		expect((await openContextByCode(agent, '12', NOW)).kind).toBe('not_found');
	});

	it('limits contexts per address: the code space cannot be filled from one place', async () => {
		const one = { ...requester, clientAddress: '203.0.113.31' };
		for (let i = 0; i < 20; i++)
			expect((await createContext(share(), one, NOW)).kind).toBe('created');
		const refused = await createContext(share(), one, NOW);
		expect(refused.kind).toBe('throttled');
		if (refused.kind === 'throttled') expect(refused.retryAfterSeconds).toBeGreaterThan(3000);
		// Another address is not affected.
		const other = { ...requester, clientAddress: '203.0.113.32' };
		expect((await createContext(share(), other, NOW)).kind).toBe('created');
	});

	it('limits the codes an agent may try that open nothing; opened ones do not count', async () => {
		const created = await createContext(
			share(),
			{ ...requester, clientAddress: '192.0.2.77' },
			NOW
		);
		if (created.kind !== 'created') throw new Error(created.kind);
		const guesser = { ...agent, userId: clerk.userId, roles: new Set(['agent'] as const) };
		for (let i = 0; i < 25; i++)
			expect((await openContextByCode(agent, created.code, at(1), 'cs', SECRET)).kind).toBe(
				'opened'
			);
		for (let i = 0; i < 20; i++) {
			const wrong = await openContextByCode(guesser, '000000', at(1), 'cs', SECRET);
			expect(wrong.kind).toBe('not_found');
		}
		const stopped = await openContextByCode(guesser, created.code, at(1), 'cs', SECRET);
		expect(stopped.kind).toBe('throttled');
		// Other agents are not affected.
		expect((await openContextByCode(agent, created.code, at(1), 'cs', SECRET)).kind).toBe('opened');
	});

	it("reuses an expired context's code, never an active one's", async () => {
		const code = () => '111111';
		const old = await createContext(share(), requester, NOW, { newCode: code });
		expect(old.kind).toBe('created');
		// A full code space is a clear refusal with a time to come back, never an error.
		expect(
			await createContext(share(), requester, at(VALID - 1), { newCode: code, attempts: 3 })
		).toEqual({ kind: 'no_free_code', retryAfterSeconds: 600 });
		const fresh = await createContext(share(), requester, at(VALID), { newCode: code });
		if (fresh.kind !== 'created' || old.kind !== 'created') throw new Error('not created');
		expect(fresh.code).toBe('111111');
		const opened = await openContextByCode(agent, '111 111', at(VALID + 1));
		expect(opened.kind === 'opened' && opened.context.id).toBe(fresh.contextId);
		const [previous] = await t.db
			.select({ code: callContexts.code })
			.from(callContexts)
			.where(eq(callContexts.id, old.contextId));
		expect(previous!.code).toBeNull();
	});

	it('lets agents only open contexts and record cases', async () => {
		const created = await createContext(share(), requester, NOW);
		if (created.kind !== 'created') throw new Error(created.kind);
		const admin = { ...agent, roles: new Set(['admin'] as const) };
		for (const actor of [clerk, admin, null]) {
			await expect(openContextByCode(actor, created.code, NOW)).rejects.toBeInstanceOf(
				AccessDenied
			);
			await expect(openContextByToken(actor, created.token, NOW)).rejects.toBeInstanceOf(
				AccessDenied
			);
			await expect(startCase(actor, 'call', NOW)).rejects.toBeInstanceOf(AccessDenied);
		}
		const opened = await openContextByToken(agent, created.token, NOW);
		if (opened.kind !== 'opened') throw new Error(opened.kind);
		const caseId = opened.context.case.id;
		await expect(
			wrapUpCase(clerk, caseId, { topics: ['fees'], outcome: 'answered', note: 'x' }, NOW)
		).rejects.toBeInstanceOf(AccessDenied);
		await expect(flagCase(clerk, caseId, 'exploitation', NOW)).rejects.toBeInstanceOf(AccessDenied);
		expect(await audits('case', caseId, 'case.wrap_up')).toBe(0);
	});

	it('records topics, notes, an outcome and flags on the case, each audited; counts them anonymously', async () => {
		const created = await createContext(
			share({ question: 'Secret question 4711' }),
			requester,
			NOW
		);
		if (created.kind !== 'created') throw new Error(created.kind);
		const opened = await openContextByCode(agent, created.code, at(1));
		if (opened.kind !== 'opened') throw new Error(opened.kind);
		const caseId = opened.context.case.id;

		// Bad input anywhere in the wrap-up: every bad field named, nothing saved.
		expect(
			await wrapUpCase(
				agent,
				caseId,
				{ topics: ['documents', 'gossip'], outcome: 'solved', note: 'x'.repeat(2001) },
				at(1)
			)
		).toEqual({ kind: 'invalid', fields: ['topics', 'outcome', 'note'] });
		expect(await audits('case', caseId, 'case.wrap_up')).toBe(0);
		const wrapped = await wrapUpCase(
			agent,
			caseId,
			{
				topics: ['documents', 'employee_card'],
				outcome: 'answered',
				note: '  Needs the diploma translated.  '
			},
			at(1)
		);
		expect(wrapped.kind).toBe('done');
		// A corrected wrap-up replaces topics and outcome; an empty note adds none.
		expect(
			(
				await wrapUpCase(
					agent,
					caseId,
					{ topics: ['documents', 'employee_card'], outcome: 'referred', note: ' ' },
					at(1)
				)
			).kind
		).toBe('done');
		expect((await flagCase(agent, caseId, 'intermediary_or_scam', at(1))).kind).toBe('done');
		const last = await flagCase(agent, caseId, 'intermediary_or_scam', at(1));
		expect(
			await flagCase(agent, '00000000-0000-0000-0000-000000000000', 'exploitation', NOW)
		).toEqual({
			kind: 'not_found'
		});
		if (last.kind !== 'done') throw new Error(last.kind);
		expect(last.case).toMatchObject({
			id: caseId,
			topics: ['employee_card', 'documents'],
			outcome: 'referred',
			notes: [{ at: at(1), agent: 'Jana Operátorová', body: 'Needs the diploma translated.' }],
			flags: ['intermediary_or_scam']
		});
		expect(await audits('case', caseId, 'case.wrap_up')).toBe(2);
		expect(await audits('case', caseId, 'case.flag')).toBe(2);

		// Opening the context again shows the same case.
		const again = await openContextByToken(agent, created.token, at(2));
		expect(again.kind === 'opened' && again.context.case.notes).toHaveLength(1);

		await flushUsageEvents();
		const events = await t.db
			.select({ kind: usageEvents.kind, locale: usageEvents.locale, facets: usageEvents.facets })
			.from(usageEvents)
			.where(
				sql`${usageEvents.kind} in ('escalation_created', 'escalation_outcome', 'problem_flagged')`
			);
		expect(events).toContainEqual({
			kind: 'escalation_created',
			locale: 'uk',
			facets: { channel: 'call', area: 'checklists', hour: 10 }
		});
		const outcomes = events.filter((e) => e.kind === 'escalation_outcome').map((e) => e.facets);
		// Counted once per case (the first outcome), once per topic.
		expect(outcomes).toEqual(
			expect.arrayContaining([
				{ topic: 'employee_card', outcome: 'answered' },
				{ topic: 'documents', outcome: 'answered' }
			])
		);
		expect(outcomes.filter((f) => f?.outcome === 'referred')).toEqual([]);
		expect(events.filter((e) => e.kind === 'problem_flagged')).toHaveLength(1);
		const all = JSON.stringify(
			await t.db.select({ f: usageEvents.facets, l: usageEvents.locale }).from(usageEvents)
		);
		expect(all).not.toContain(created.code);
		expect(all).not.toContain('4711');
	});

	it('books on the caller’s behalf on the hotline channel, audited; agents only', async () => {
		const [slot] = await t.db
			.select({ branchId: slots.branchId, serviceId: slots.serviceId })
			.from(slots)
			.limit(1);
		const [extra] = await t.db
			.insert(slots)
			.values({ ...slot!, startsAt: at(96), endsAt: at(96.25), capacity: 1 })
			.returning({ id: slots.id });
		const hold = await holdSlot(extra!.id, NOW);
		if (hold.kind !== 'held') throw new Error('full');
		const details = {
			fullName: 'Nguyen Van An',
			birthDate: '1988-01-02',
			nationality: 'VN',
			documentNumber: 'C 7654321',
			email: 'an@example.com',
			phone: '+84912345678',
			proceedingNumber: null
		};
		const input = { holdToken: hold.token, details, locale: 'vi', secret: SECRET };
		await expect(bookForCaller(clerk, input, NOW)).rejects.toBeInstanceOf(AccessDenied);
		const booked = await bookForCaller(agent, input, NOW);
		if (booked.kind !== 'confirmed') throw new Error(booked.kind);
		expect(booked.booking.channel).toBe('hotline');
		expect(await audits('booking', booked.booking.id, 'booking.create')).toBe(1);
	});

	it.runIf(engine === 'postgres')(
		'50 contexts created at once from a tiny code space: every active code distinct',
		async () => {
			let draws = 0;
			const tiny = () => {
				draws++;
				return `9900${String(Math.floor(Math.random() * 64)).padStart(2, '0')}`;
			};
			const results = await Promise.all(
				Array.from({ length: 50 }, (_, i) =>
					createContext(share(), { ...requester, clientAddress: `192.0.2.${i}` }, NOW, {
						newCode: tiny,
						attempts: 1000
					})
				)
			);
			const codes = results.map((r) => (r.kind === 'created' ? r.code : r.kind));
			expect(new Set(codes).size).toBe(50);
			expect(draws).toBeGreaterThan(50);
			const active = await t.db
				.select({ code: callContexts.code })
				.from(callContexts)
				.where(
					sql`${callContexts.code} like '9900%' and ${callContexts.expiresAt} > ${NOW.toISOString()}::timestamptz`
				);
			expect(active).toHaveLength(50);
			expect(new Set(active.map((r) => r.code)).size).toBe(50);
		}
	);

	it.runIf(engine === 'postgres')(
		'eight agents opening one context at once share one case',
		async () => {
			const created = await createContext(share(), requester, NOW);
			if (created.kind !== 'created') throw new Error(created.kind);
			const opened = await Promise.all(
				Array.from({ length: 8 }, () => openContextByToken(agent, created.token, at(1)))
			);
			const ids = new Set(opened.map((o) => (o.kind === 'opened' ? o.context.case.id : o.kind)));
			expect(ids.size).toBe(1);
		}
	);
});
