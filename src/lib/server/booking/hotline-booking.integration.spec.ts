// Booking on a caller's behalf from the agent console: held and confirmed in one step on the
// hotline channel, audited, confirmed to the caller by e-mail; a refusal gives the seat back.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { bookings } from './bookings.schema';
import { mailOutbox } from '../mail/outbox.schema';
import { bookingFixture, person, TEST_SECRET } from '../testing/booking-fixture';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { openContextByToken } from '../escalation/agent-console.service';
import { createContext } from '../escalation/contexts.service';
import { bookOnBehalf } from './hotline-booking.service';

const NOW = new Date('2026-11-24T09:00:00Z');

describe.each(ENGINES)('booking for a caller on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const { slot, booked } = bookingFixture(t, NOW);
	let agent: Actor;
	let caseId: string;

	beforeAll(async () => {
		const [row] = await t.db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.email, 'operator@pobyt.demo'));
		agent = { userId: row!.id, displayName: 'Operátor', roles: new Set(['agent']), branchIds: [] };
		// The caller shared a page in Ukrainian: the confirmation goes out in Ukrainian.
		const created = await createContext(
			{
				locale: 'uk',
				pagePath: '/uk/book',
				topic: null,
				question: null,
				proceeding: null,
				checklist: null,
				bookingToken: null,
				bookingDraft: null
			},
			{ clientAddress: '198.51.100.9', secret: TEST_SECRET },
			NOW
		);
		if (created.kind !== 'created') throw new Error(created.kind);
		const opened = await openContextByToken(agent, created.token, NOW);
		if (opened.kind !== 'opened') throw new Error(opened.kind);
		caseId = opened.context.case.id;
	});

	const book = async (
		slotId: number,
		who = person({ documentNumber: 'CALLER 1' }),
		actor = agent,
		values: Partial<Record<string, string>> = {}
	) =>
		bookOnBehalf(
			actor,
			caseId,
			{
				serviceSlug: 'registration',
				branchSlug: 'praha-1',
				slotId,
				values: {
					fullName: who.fullName,
					day: '1',
					month: '5',
					year: '1990',
					nationality: who.nationality,
					documentNumber: who.documentNumber,
					email: 'caller@example.com',
					phone: '',
					proceeding: '',
					...values
				}
			},
			{ secret: TEST_SECRET, origin: 'https://pobyt.example.cz' },
			NOW
		);

	it('books on the hotline channel, audits it and e-mails the caller in their language', async () => {
		const id = await slot(2, 72);
		const result = await book(id);
		expect(result).toMatchObject({ kind: 'booked', reference: expect.any(String) });
		const [row] = await t.db.select().from(bookings).where(eq(bookings.slotId, id));
		expect(row).toMatchObject({ channel: 'hotline', locale: 'uk' });
		expect(await booked(id)).toBe(1);
		const audits = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'booking.create'), eq(auditLog.subjectId, row!.id)));
		expect(audits).toHaveLength(1);
		const mail = await t.db
			.select()
			.from(mailOutbox)
			.where(eq(mailOutbox.toAddress, 'caller@example.com'));
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toContain(row!.reference);
	});

	it('bad details are refused with their fields before anything is held', async () => {
		const id = await slot(1, 100);
		const refused = await book(id, person({ documentNumber: 'CALLER 3' }), agent, {
			email: 'not-an-address',
			day: ''
		});
		expect(refused).toMatchObject({ kind: 'invalid' });
		expect(refused.kind === 'invalid' && refused.errors.map((e) => e.field)).toEqual(
			expect.arrayContaining(['email', 'birth'])
		);
		expect(await booked(id)).toBe(0);
	});

	it('a refused booking gives its seat back at once; a time not offered is refused', async () => {
		const id = await slot(1, 96);
		// The same caller already has an active registration (from the test above).
		expect(await book(id)).toEqual({ kind: 'already_booked' });
		expect(await booked(id)).toBe(0);
		expect(await book(await slot(1, 10))).toEqual({ kind: 'full' });
	});

	it('only agents may book for a caller, and nothing is held for anyone else', async () => {
		const id = await slot(1, 120);
		const clerk = { ...agent, roles: new Set(['branch_staff'] as const) };
		await expect(book(id, person({ documentNumber: 'CALLER 2' }), clerk)).rejects.toBeInstanceOf(
			AccessDenied
		);
		expect(await booked(id)).toBe(0);
	});
});
