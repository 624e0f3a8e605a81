// What the agent console's pages read and send: a case by id, the callback an agent holds, the
// queue's length, and the checklist link e-mailed to a caller.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { loadChecklistsFromFiles } from '../content/content.service';
import { seedDemoData } from '../db/seed';
import { mailOutbox } from '../mail/outbox.schema';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { openCase, openContextByCode } from './agent-console.service';
import {
	claimNextCallback,
	heldCallback,
	recordCallbackAttempt,
	requestCallback,
	waitingCallbacks
} from './callbacks.service';
import { startCase } from './cases.service';
import { sendChecklistLink } from './checklist-mail.service';
import {
	CONTEXT_HOURS,
	createContext,
	withdrawContext,
	type ContextShare
} from './contexts.service';

const NOW = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Prague
const HOUR = 3_600_000;
const ORIGIN = 'https://pobyt.example.cz';
const NOBODY = '00000000-0000-4000-8000-000000000000';
const requester = {
	clientAddress: '198.51.100.61',
	secret: 'test-secret-0123456789abcdef0123456789'
};

const share = (over: Partial<ContextShare> = {}): ContextShare => ({
	locale: 'uk',
	pagePath: '/uk/checklists/employee-card',
	topic: 'Zaměstnanecká karta',
	question: 'Чи потрібен переклад диплома?',
	proceeding: null,
	checklist: { slug: 'employee-card', ticked: ['passport'] },
	bookingToken: null,
	bookingDraft: null,
	...over
});

describe.each(ENGINES)('the agent console on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let agent: Actor;
	let other: Actor;
	let clerk: Actor;

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
			displayName: 'Operátor',
			roles: new Set(['agent']),
			branchIds: []
		};
		const [second] = await t.db
			.insert(staffUsers)
			.values({ email: 'agent2@pobyt.test', displayName: 'Agent 2', passwordHash: 'x' })
			.returning({ id: staffUsers.id });
		other = { ...agent, userId: second!.id, displayName: 'Agent 2' };
		clerk = { ...agent, userId: users['urednik@pobyt.demo']!, roles: new Set(['branch_staff']) };
	});

	const audits = async (subjectId: string) =>
		t.db
			.select({ action: auditLog.action, reason: auditLog.reason })
			.from(auditLog)
			.where(eq(auditLog.subjectId, subjectId));

	const shared = async (over: Partial<ContextShare> = {}) => {
		const created = await createContext(share(over), requester, NOW);
		if (created.kind !== 'created') throw new Error(created.kind);
		const opened = await openContextByCode(agent, created.code, NOW, 'en');
		if (opened.kind !== 'opened') throw new Error(opened.kind);
		return { ...created, caseId: opened.context.case.id, contextId: opened.context.id };
	};

	it('opens a case by id with its context live, audited; an expired or withdrawn context is named, not shown', async () => {
		const { caseId, contextId, token } = await shared();
		const opened = await openCase(agent, caseId, new Date(NOW.getTime() + HOUR), 'en');
		if (opened.kind !== 'opened') throw new Error(opened.kind);
		expect(opened.contextClosed).toBeNull();
		expect(opened.case.id).toBe(caseId);
		expect(opened.context?.question).toBe('Чи потрібен переклад диплома?');
		const missing = opened.context!.checklist!.items.filter((i) => !i.ticked);
		expect(missing.map((i) => i.key)).not.toContain('passport');
		expect(missing).toHaveLength(opened.context!.checklist!.total - 1);
		expect(await audits(caseId)).toContainEqual({
			action: 'case.read',
			reason: '/agent/case/[id]'
		});
		expect(await audits(contextId)).toContainEqual({
			action: 'context.open',
			reason: '/agent/case/[id]'
		});

		// Made on Tuesday 10:00, the context lasts to Wednesday 16:00 (the line's next opening).
		const later = await openCase(
			agent,
			caseId,
			new Date(NOW.getTime() + (CONTEXT_HOURS + 6) * HOUR)
		);
		expect(later).toMatchObject({ kind: 'opened', context: null, contextClosed: 'expired' });
		expect(await withdrawContext(token, NOW)).toBe(true);
		expect(await openCase(agent, caseId, NOW)).toMatchObject({
			context: null,
			contextClosed: 'withdrawn'
		});
	});

	it('opens a case started for a call where nothing was shared; unknown ids are not found; agents only', async () => {
		const started = await startCase(agent, 'call', NOW);
		expect(await openCase(agent, started.id, NOW)).toEqual({
			kind: 'opened',
			case: started,
			context: null,
			contextClosed: null
		});
		expect(await openCase(agent, NOBODY, NOW)).toEqual({ kind: 'not_found' });
		expect(await openCase(agent, 'not-a-uuid', NOW)).toEqual({ kind: 'not_found' });
		await expect(openCase(clerk, started.id, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(openCase(null, started.id, NOW)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('counts the waiting callbacks and shows a claimed one to its holder only, until it leaves their hands', async () => {
		const before = await waitingCallbacks(agent, NOW);
		const requested = await requestCallback(
			{ phone: '+420 777 123 456', locale: 'uk', window: { kind: 'any' }, context: null },
			requester,
			NOW
		);
		expect(requested.kind).toBe('requested');
		expect(await waitingCallbacks(agent, NOW)).toBe(before + 1);
		let claimed = await claimNextCallback(agent, NOW);
		while (claimed && claimed.phone !== '+420777123456')
			claimed = await claimNextCallback(agent, NOW);
		if (!claimed) throw new Error('not claimed');
		expect(await waitingCallbacks(agent, NOW)).toBeLessThanOrEqual(before);

		const held = await heldCallback(agent, claimed.id, NOW, 'en');
		expect(held).toMatchObject({ id: claimed.id, phone: '+420777123456', caseId: claimed.caseId });
		expect(await audits(claimed.id)).toContainEqual({
			action: 'callback.read',
			reason: '/agent/callbacks'
		});
		expect(await heldCallback(other, claimed.id, NOW)).toBeNull();
		expect(await heldCallback(agent, 'junk', NOW)).toBeNull();
		await expect(heldCallback(clerk, claimed.id, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(waitingCallbacks(clerk, NOW)).rejects.toBeInstanceOf(AccessDenied);

		await recordCallbackAttempt(agent, claimed.id, 'no_answer', NOW);
		expect(await heldCallback(agent, claimed.id, NOW)).toBeNull();
	});

	it("e-mails the shared checklist's public link in the caller's language, audited without the address", async () => {
		const { caseId } = await shared();
		expect(await sendChecklistLink(agent, caseId, 'not an address', NOW, ORIGIN)).toEqual({
			kind: 'invalid_email'
		});
		expect(await sendChecklistLink(agent, NOBODY, 'olena@example.com', NOW, ORIGIN)).toEqual({
			kind: 'not_found'
		});
		const bare = await shared({ checklist: null });
		expect(await sendChecklistLink(agent, bare.caseId, 'olena@example.com', NOW, ORIGIN)).toEqual({
			kind: 'no_checklist'
		});
		await expect(
			sendChecklistLink(clerk, caseId, 'olena@example.com', NOW, ORIGIN)
		).rejects.toBeInstanceOf(AccessDenied);
		expect(
			await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'olena@example.com'))
		).toEqual([]);

		expect(await sendChecklistLink(agent, caseId, ' olena@example.com ', NOW, ORIGIN)).toEqual({
			kind: 'sent'
		});
		const [mail] = await t.db
			.select()
			.from(mailOutbox)
			.where(eq(mailOutbox.toAddress, 'olena@example.com'));
		expect(mail?.subject).toMatch(/^Перелік документів: /);
		expect(mail?.textBody).toContain(`${ORIGIN}/uk/checklists/employee-card\n`);
		const records = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, caseId), eq(auditLog.action, 'case.checklist_mail')));
		expect(records).toHaveLength(1);
		expect(JSON.stringify(records)).not.toContain('olena@example.com');
	});
});
