import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { beforeEach, describe, expect, it } from 'vitest';

import { openPostgres } from '../db/client';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { enqueueMail, type OutboxMessage } from './outbox.repository';
import { mailOutbox } from './outbox.schema';
import { deliverPending, type MailTransport } from './outbox.service';

const NOW = new Date('2026-11-24T10:00:00Z');
const FROM = 'Pobyt <no-reply@pobyt.invalid>';

interface Received {
	from: string;
	to: string[];
	headers: string;
	body: string;
}

/** A real SMTP server on a random local port that keeps what it receives. */
async function smtpSink(refuse: (recipient: string) => boolean = () => false) {
	const received: Received[] = [];
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refuse(address.address)) {
				const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
				callback(error);
				return;
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const split = raw.indexOf('\r\n\r\n');
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					// Unfolded (RFC 5322 §2.2.3): long headers arrive on several lines.
					headers: raw.slice(0, split).replace(/\r\n(?=[ \t])/g, ''),
					body: raw.slice(split + 4).replace(/\r\n/g, '\n')
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	const transport = nodemailer.createTransport({
		host: '127.0.0.1',
		port,
		secure: false,
		ignoreTLS: true
	});
	return {
		received,
		transport,
		async close() {
			transport.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

const message = (n: number, overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
	to: `person${n}@example.com`,
	subject: `Status changed ${n}`,
	text: `Hello,\n\nthe status of proceeding ${n} has changed.\n\nClient Centre for Foreigners`,
	listUnsubscribe: null,
	...overrides
});

describe.each(ENGINES)('the mail outbox on %s', (engine) => {
	const t = testDatabaseFor(engine);
	beforeEach(async () => {
		await t.db.delete(mailOutbox);
	});

	it('delivers pending messages through SMTP and marks them sent', async () => {
		const sink = await smtpSink();
		try {
			await enqueueMail([
				message(1, {
					listUnsubscribe: 'https://pobyt.example.cz/uk/status/alerts/unsubscribe/abc'
				}),
				message(2)
			]);
			expect(await deliverPending(sink.transport, NOW, 10, { from: FROM })).toEqual({
				sent: 2,
				failed: 0
			});

			expect(sink.received).toHaveLength(2);
			const [first, second] = sink.received;
			expect(first!.from).toBe('no-reply@pobyt.invalid');
			expect(first!.to).toEqual(['person1@example.com']);
			expect(first!.headers).toContain('Subject: Status changed 1');
			expect(first!.headers).toContain(
				'List-Unsubscribe: <https://pobyt.example.cz/uk/status/alerts/unsubscribe/abc>'
			);
			expect(first!.body.trimEnd()).toBe(message(1).text);
			expect(second!.to).toEqual(['person2@example.com']);
			expect(second!.headers).not.toContain('List-Unsubscribe');

			const rows = await t.db.select().from(mailOutbox).orderBy(mailOutbox.id);
			expect(rows.map((r) => r.sentAt)).toEqual([NOW, NOW]);
			expect(rows.map((r) => r.attempts)).toEqual([0, 0]);

			// Sent is sent: nothing goes out twice.
			expect(
				await deliverPending(sink.transport, new Date(NOW.getTime() + 3600_000), 10, {
					from: FROM
				})
			).toEqual({ sent: 0, failed: 0 });
			expect(sink.received).toHaveLength(2);
		} finally {
			await sink.close();
		}
	});

	it('keeps a refused message pending with one more attempt, an error code and a backoff', async () => {
		const sink = await smtpSink((to) => to === 'refused@example.com');
		try {
			await enqueueMail([message(3, { to: 'refused@example.com' }), message(4)]);
			expect(await deliverPending(sink.transport, NOW, 10, { from: FROM })).toEqual({
				sent: 1,
				failed: 1
			});
			const [refused] = await t.db
				.select()
				.from(mailOutbox)
				.where(eq(mailOutbox.toAddress, 'refused@example.com'));
			expect(refused).toMatchObject({ sentAt: null, attempts: 1, lastError: 'EENVELOPE:550' });
			expect(refused!.lastError).not.toContain('refused@example.com');
			expect(refused!.lockedUntil!.getTime()).toBeGreaterThan(NOW.getTime());

			// Not before its retry time; after it, tried again.
			expect(await deliverPending(sink.transport, NOW, 10, { from: FROM })).toEqual({
				sent: 0,
				failed: 0
			});
			const later = new Date(refused!.lockedUntil!.getTime() + 1000);
			expect(await deliverPending(sink.transport, later, 10, { from: FROM })).toEqual({
				sent: 0,
				failed: 1
			});
			const [again] = await t.db
				.select()
				.from(mailOutbox)
				.where(eq(mailOutbox.toAddress, 'refused@example.com'));
			expect(again).toMatchObject({ sentAt: null, attempts: 2 });
		} finally {
			await sink.close();
		}
	});

	it('counts a transport that cannot connect as a failed attempt with its code', async () => {
		await enqueueMail([message(5)]);
		const broken: MailTransport = {
			sendMail: () =>
				Promise.reject(
					Object.assign(new Error('connect ECONNREFUSED person5@example.com'), {
						code: 'ECONNECTION'
					})
				)
		};
		expect(await deliverPending(broken, NOW, 10, { from: FROM })).toEqual({ sent: 0, failed: 1 });
		const [row] = await t.db.select().from(mailOutbox);
		expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: 'ECONNECTION' });
	});

	it.runIf(engine === 'postgres')(
		'two senders at once deliver every message exactly once',
		async () => {
			const sink = await smtpSink();
			const second = openPostgres(t.url!, { max: 5 });
			try {
				const count = 40;
				await enqueueMail(Array.from({ length: count }, (_, i) => message(100 + i)));
				// Neither sender sends until both hold a batch: both are busy at once by construction,
				// not by timing (no sleeps).
				let arrived = 0;
				let bothIn!: () => void;
				const together = new Promise<void>((resolve) => (bothIn = resolve));
				const senderFor = (): MailTransport => {
					let first = true;
					return {
						sendMail: async (m) => {
							if (first) {
								first = false;
								if (++arrived === 2) bothIn();
								await together;
							}
							return sink.transport.sendMail(m);
						}
					};
				};
				const drain = async (db: typeof t.db) => {
					const transport = senderFor();
					let total = 0;
					for (;;) {
						const { sent } = await deliverPending(transport, NOW, 5, { from: FROM, db });
						if (sent === 0) return total;
						total += sent;
					}
				};
				const [a, b] = await Promise.all([drain(t.db), drain(second.db)]);
				expect(a + b).toBe(count);
				expect(a).toBeGreaterThan(0);
				expect(b).toBeGreaterThan(0);
				const subjects = sink.received.map((r) => /^Subject: (.*)$/m.exec(r.headers)?.[1]);
				expect(subjects).toHaveLength(count);
				expect(new Set(subjects).size).toBe(count);
				const rows = await t.db.select().from(mailOutbox);
				expect(rows.every((r) => r.sentAt !== null)).toBe(true);
			} finally {
				await second.close();
				await sink.close();
			}
		}
	);
});
