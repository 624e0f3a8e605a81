import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { seedDemoData } from '../db/seed';
import { usageEvents } from '../insights/insights.schema';
import { flushUsageEvents } from '../insights/insights.service';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { callbackAttempts, callbackRequests } from './callbacks.schema';
import {
	claimCallback,
	claimNextCallback,
	finishCallback,
	recordCallbackAttempt,
	requestCallback,
	withdrawCallback,
	type CallbackRequestInput
} from './callbacks.service';
import { hotlineCases } from './cases.schema';
import { callContexts } from './contexts.schema';

const NOW = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Prague
const MIN = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);
const requester = {
	clientAddress: '198.51.100.40',
	secret: 'test-secret-0123456789abcdef0123456789'
};

const input = (over: Partial<CallbackRequestInput> = {}): CallbackRequestInput => ({
	phone: '777 123 456',
	locale: 'vi',
	window: { kind: 'any' },
	context: null,
	...over
});

describe.each(ENGINES)('callback requests on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const agents: Actor[] = [];

	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 0 });
		const rows = await t.db
			.insert(staffUsers)
			.values(
				Array.from({ length: 16 }, (_, i) => ({
					email: `agent${i}@pobyt.test`,
					displayName: `Agent ${i}`,
					passwordHash: 'x'
				}))
			)
			.returning({ id: staffUsers.id, displayName: staffUsers.displayName });
		for (const r of rows)
			agents.push({
				userId: r.id,
				displayName: r.displayName,
				roles: new Set(['agent']),
				branchIds: []
			});
	});

	// Each test starts with an empty queue.
	beforeEach(async () => {
		await t.db
			.update(callbackRequests)
			.set({ finishedAt: NOW, outcome: 'completed' })
			.where(isNull(callbackRequests.finishedAt));
	});

	const [a, b] = [0, 1];
	// Each request from an address of its own: the per-address limit is tested on its own.
	let requests = 0;
	const request = async (over: Partial<CallbackRequestInput> = {}, now = NOW) => {
		const from = {
			...requester,
			clientAddress: `198.51.${100 + (requests >> 8)}.${requests++ % 256}`
		};
		const result = await requestCallback(input(over), from, now);
		if (result.kind !== 'requested') throw new Error(result.kind);
		return result;
	};

	it('limits requests per address and per phone number, whoever asks', async () => {
		const victim = '602 111 222';
		for (let i = 0; i < 3; i++) await request({ phone: victim });
		// A fourth request for the same number, from yet another address: refused with a wait.
		const fourth = await requestCallback(input({ phone: '+420602111222' }), requester, NOW);
		expect(fourth.kind).toBe('throttled');
		if (fourth.kind === 'throttled') expect(fourth.retryAfterSeconds).toBeGreaterThan(80_000);
		const one = { ...requester, clientAddress: '203.0.113.44' };
		for (let i = 0; i < 20; i++) {
			const phone = `603 000 ${String(i).padStart(3, '0')}`;
			expect((await requestCallback(input({ phone }), one, NOW)).kind).toBe('requested');
		}
		const over = await requestCallback(input({ phone: '603 000 999' }), one, NOW);
		expect(over.kind).toBe('throttled');
		if (over.kind === 'throttled') expect(over.retryAfterSeconds).toBeGreaterThan(3000);
	});

	it('validates and normalises the number, the window and the language', async () => {
		expect(
			await requestCallback(
				input({
					phone: '12',
					locale: 'de',
					window: { kind: 'window', date: '2026-11-23', from: '09:00', to: '10:00' }
				}),
				requester,
				NOW
			)
		).toEqual({
			kind: 'invalid',
			errors: ['phone_invalid', 'window_past', 'locale'],
			contextFields: []
		});
		const done = await request({ phone: '+84 912 345 678' });
		expect(done.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
		expect(done.context).toBeNull();
		const claimed = await claimNextCallback(agents[a]!, NOW);
		expect(claimed).toMatchObject({
			phone: '+84912345678',
			locale: 'vi',
			window: null,
			attempts: 0,
			context: null
		});
		expect(claimed!.caseId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('hands out due requests in order, one agent each; a claim left for 30 minutes can be taken again', async () => {
		await request({ phone: '777 000 001' }, at(-10));
		await request({ phone: '777 000 002' }, at(-5));
		await request({
			phone: '777 000 003',
			window: { kind: 'window', date: '2026-11-24', from: '11:00', to: '12:00' }
		});
		const first = await claimNextCallback(agents[a]!, NOW);
		const second = await claimNextCallback(agents[b]!, NOW);
		expect([first?.phone, second?.phone]).toEqual(['+420777000001', '+420777000002']);
		// Nothing else is due, and claims are fresh, for 30 minutes.
		expect(await claimNextCallback(agents[2]!, at(29))).toBeNull();
		// Agent A's claim is stale after 30 minutes: another agent may take it over.
		const taken = await claimNextCallback(agents[3]!, at(31));
		expect(taken?.id).toBe(first!.id);
		expect(await recordCallbackAttempt(agents[a]!, first!.id, 'reached', at(32))).toEqual({
			kind: 'not_claimed'
		});
		expect(await finishCallback(agents[a]!, first!.id, 'completed', at(32))).toBe(false);
		expect(await finishCallback(agents[3]!, first!.id, 'completed', at(32))).toBe(true);
		expect(await finishCallback(agents[b]!, second!.id, 'completed', at(32))).toBe(true);
		// The windowed one is not due before 11:00 Prague time.
		expect(await claimNextCallback(agents[2]!, at(59))).toBeNull();
		const windowed = await claimNextCallback(agents[2]!, at(60));
		expect(windowed).toMatchObject({
			phone: '+420777000003',
			window: { start: at(60), end: at(120) }
		});
	});

	it('records each try: no answer returns it to the queue later, the third closes it; a wrong number is erased', async () => {
		await request({ phone: '+380 67 123 4567' });
		let claimed = await claimNextCallback(agents[a]!, NOW);
		const id = claimed!.id;
		expect(await recordCallbackAttempt(agents[a]!, id, 'busy', NOW)).toEqual({ kind: 'invalid' });
		expect(await recordCallbackAttempt(agents[a]!, id, 'no_answer', NOW)).toEqual({
			kind: 'recorded',
			finished: null
		});
		expect(await claimNextCallback(agents[b]!, at(19))).toBeNull();
		claimed = await claimNextCallback(agents[b]!, at(20));
		expect(claimed).toMatchObject({ id, attempts: 1 });
		expect(await recordCallbackAttempt(agents[b]!, id, 'no_answer', at(20))).toEqual({
			kind: 'recorded',
			finished: null
		});
		expect((await claimNextCallback(agents[a]!, at(40)))?.attempts).toBe(2);
		expect(await recordCallbackAttempt(agents[a]!, id, 'no_answer', at(40))).toEqual({
			kind: 'recorded',
			finished: 'unreachable'
		});
		expect(await claimNextCallback(agents[a]!, at(120))).toBeNull();
		const attempts = await t.db
			.select()
			.from(callbackAttempts)
			.where(eq(callbackAttempts.callbackId, id));
		expect(attempts.map((x) => [x.result, x.agentId, x.at])).toEqual([
			['no_answer', agents[a]!.userId, NOW],
			['no_answer', agents[b]!.userId, at(20)],
			['no_answer', agents[a]!.userId, at(40)]
		]);

		await request({ phone: '777 999 888' });
		const wrong = await claimNextCallback(agents[a]!, NOW);
		expect(await recordCallbackAttempt(agents[a]!, wrong!.id, 'wrong_number', NOW)).toEqual({
			kind: 'recorded',
			finished: 'wrong_number'
		});
		const [row] = await t.db
			.select()
			.from(callbackRequests)
			.where(eq(callbackRequests.id, wrong!.id));
		expect(row).toMatchObject({ phone: '', outcome: 'wrong_number', finishedAt: NOW });

		await request({ phone: '777 999 777' });
		const reached = await claimNextCallback(agents[a]!, NOW);
		expect(await recordCallbackAttempt(agents[a]!, reached!.id, 'reached', NOW)).toEqual({
			kind: 'recorded',
			finished: null
		});
		expect(await finishCallback(agents[a]!, reached!.id, 'completed', at(5))).toBe(true);
		expect(await finishCallback(agents[a]!, reached!.id, 'completed', at(5))).toBe(false);
		expect(await claimNextCallback(agents[a]!, at(60))).toBeNull();
		expect(
			(
				await t.db
					.select({ n: count() })
					.from(auditLog)
					.where(and(eq(auditLog.subjectType, 'callback'), eq(auditLog.subjectId, reached!.id)))
			)[0]!.n
		).toBe(3); // claim, attempt, finish
	});

	it('opens a context shared with the request for the agent who calls back, audited, in one case', async () => {
		const done = await request({
			window: { kind: 'window', date: '2026-11-26', from: '09:00', to: '12:00' },
			context: {
				locale: 'vi',
				pagePath: '/vi/book/biometrics',
				topic: null,
				question: 'Kiosk closed?',
				proceeding: null,
				checklist: null,
				bookingToken: null,
				bookingDraft: { serviceSlug: 'biometrics', branchSlug: 'praha-1' }
			}
		});
		expect(done.context?.code).toMatch(/^\d{6}$/);
		// The context lives a day past the window (26 Nov 12:00 Prague = 11:00 UTC).
		expect(done.context?.expiresAt).toEqual(new Date('2026-11-27T11:00:00Z'));
		const claimed = await claimNextCallback(agents[a]!, new Date('2026-11-26T08:30:00Z'));
		expect(claimed?.context).toMatchObject({
			question: 'Kiosk closed?',
			case: { channel: 'callback' }
		});
		expect(claimed?.caseId).toBe(claimed?.context?.case.id);
		const [hotlineCase] = await t.db
			.select()
			.from(hotlineCases)
			.where(eq(hotlineCases.id, claimed!.caseId));
		expect(hotlineCase?.callbackId).toBe(claimed!.id);
		const actions = await t.db
			.select({ action: auditLog.action, reason: auditLog.reason })
			.from(auditLog)
			.where(sql`${auditLog.subjectId} in (${claimed!.id}, ${claimed!.context!.id})`);
		expect(actions).toEqual(
			expect.arrayContaining([
				{ action: 'callback.claim', reason: '/agent/callbacks' },
				{ action: 'context.open', reason: '/agent/callbacks' }
			])
		);
	});

	it('lets the person withdraw a request (and its context); it leaves the queue and the number is erased', async () => {
		const done = await request({
			context: {
				locale: 'vi',
				pagePath: '/vi/help',
				topic: null,
				question: null,
				proceeding: null,
				checklist: null,
				bookingToken: null,
				bookingDraft: null
			}
		});
		expect(await withdrawCallback(done.token, at(1))).toBe(true);
		expect(await withdrawCallback(done.token, at(2))).toBe(false);
		expect(await withdrawCallback('nonsense', at(2))).toBe(false);
		expect(await claimNextCallback(agents[a]!, at(3))).toBeNull();
		const [row] = await t.db
			.select({
				phone: callbackRequests.phone,
				outcome: callbackRequests.outcome,
				contextId: callbackRequests.contextId
			})
			.from(callbackRequests)
			.where(eq(callbackRequests.outcome, 'withdrawn'));
		expect(row).toMatchObject({ phone: '', outcome: 'withdrawn' });
		const [context] = await t.db
			.select()
			.from(callContexts)
			.where(eq(callContexts.id, row!.contextId!));
		expect(context).toMatchObject({ code: null, withdrawnAt: at(1) });

		await flushUsageEvents();
		const events = (
			await t.db.select().from(usageEvents).where(eq(usageEvents.kind, 'callback'))
		).map((e) => e.facets);
		expect(events).toContainEqual({ step: 'requested', window: 'any' });
		expect(events).toContainEqual({ step: 'requested', window: 'chosen' });
		expect(events).toContainEqual({ step: 'handled', outcome: 'withdrawn' });
		expect(events).toContainEqual({ step: 'handled', outcome: 'unreachable' });
		expect(
			JSON.stringify(await t.db.select({ f: usageEvents.facets }).from(usageEvents))
		).not.toMatch(/777|\+420/);
	});

	it('refuses everyone but agents', async () => {
		const done = await request();
		const clerk = { ...agents[a]!, roles: new Set(['branch_staff'] as const) };
		const admin = { ...agents[a]!, roles: new Set(['admin'] as const) };
		for (const actor of [clerk, admin, null]) {
			await expect(claimNextCallback(actor, NOW)).rejects.toBeInstanceOf(AccessDenied);
			await expect(recordCallbackAttempt(actor, done.token, 'reached', NOW)).rejects.toBeInstanceOf(
				AccessDenied
			);
			await expect(finishCallback(actor, done.token, 'completed', NOW)).rejects.toBeInstanceOf(
				AccessDenied
			);
		}
		expect((await claimNextCallback(agents[a]!, NOW))?.phone).toBe('+420777123456');
	});

	it.runIf(engine === 'postgres')(
		'16 agents claiming at once: each of 40 requests is claimed exactly once',
		async () => {
			for (let i = 0; i < 40; i++)
				await request({ phone: `777 100 ${String(i).padStart(3, '0')}` }, at(-60 + i));
			const claims = await Promise.all(
				agents.map(async (agent) => {
					const mine: string[] = [];
					for (;;) {
						const claimed = await claimNextCallback(agent, NOW);
						if (!claimed) return mine;
						mine.push(claimed.id);
					}
				})
			);
			const all = claims.flat();
			// A claim can come back empty while others hold the rest; whatever is left is still due.
			for (;;) {
				const claimed = await claimNextCallback(agents[a]!, NOW);
				if (!claimed) break;
				all.push(claimed.id);
			}
			expect(all).toHaveLength(40);
			expect(new Set(all).size).toBe(40);
			expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
			const held = await t.db
				.select({ n: count() })
				.from(callbackRequests)
				.where(
					and(isNull(callbackRequests.finishedAt), sql`${callbackRequests.claimedBy} is not null`)
				);
			expect(held[0]!.n).toBe(40);
		}
	);

	it.runIf(engine === 'postgres')(
		'16 agents taking the same row of the worklist at once: exactly one gets it, once',
		async () => {
			const wanted = await request({ phone: '777 200 001' }, at(-5));
			const id = (
				await t.db
					.select({ id: callbackRequests.id })
					.from(callbackRequests)
					.where(and(isNull(callbackRequests.finishedAt), isNull(callbackRequests.claimedBy)))
			)[0]!.id;
			expect(wanted.kind).toBe('requested');
			const taken = await Promise.all(agents.map((agent) => claimCallback(agent, id, NOW)));
			const winners = taken.filter((c) => c !== null);
			expect(winners).toHaveLength(1);
			expect(winners[0]!.id).toBe(id);
			const [row] = await t.db
				.select({ claimedBy: callbackRequests.claimedBy })
				.from(callbackRequests)
				.where(eq(callbackRequests.id, id));
			expect(agents.filter((agent) => agent.userId === row!.claimedBy)).toHaveLength(1);
			// Taken and fresh: nobody else can take it again for 30 minutes.
			expect(await claimCallback(agents[a]!, id, at(29))).toBeNull();
		}
	);
});
