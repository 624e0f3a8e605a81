import { randomBytes, randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { E2E_PORT } from './e2e-env';
import { expect, test } from './fixtures';

const URL = '/api/v1/proceedings/events';
const KEY = 'e2e-import-key-0123456789abcdef0123456789';

function post(
	request: APIRequestContext,
	body: string,
	authorization: string | null = `Bearer ${KEY}`
) {
	return request.post(URL, {
		data: body,
		headers: {
			'content-type': 'application/x-ndjson',
			...(authorization === null ? {} : { authorization })
		}
	});
}

/** A proceeding the demo data does not have, and event ids no other run used. */
function freshBatch(): { number: string; digits: string; lines: string[] } {
	const digits = String(randomInt(900_000, 1_000_000));
	const number = `OAM-${digits}-3/ZM-2025`;
	const id = randomBytes(8).toString('hex');
	const lines = [
		{
			id: `${id}-1`,
			proceeding: number,
			kind: 'filed',
			occurredAt: '2025-09-01T09:00:00+02:00',
			birthDate: '1988-04-12'
		},
		{
			id: `${id}-2`,
			proceeding: number,
			kind: 'suspended',
			occurredAt: '2025-09-15T10:00:00+02:00',
			details: { reason: 'documents_requested', deadline: '2025-10-15' }
		}
	].map((l) => JSON.stringify(l));
	return { number, digits, lines };
}

function expectNoNumber(body: string, batch: { number: string; digits: string }): void {
	expect(body).not.toContain(batch.number);
	expect(body).not.toContain(`${batch.digits}-3`);
	expect(body).not.toContain('1988-04-12');
}

test.describe('the internal system’s event feed', () => {
	test('applies a batch once, and a resent batch only as duplicates', async ({ request }) => {
		const batch = freshBatch();
		const text = `${batch.lines.join('\n')}\n`;

		const first = await post(request, text);
		expect(first.status()).toBe(200);
		expect(first.headers()['cache-control']).toContain('no-store');
		const firstBody = await first.text();
		expect(JSON.parse(firstBody)).toEqual({
			ok: true,
			received: 2,
			applied: 2,
			duplicates: 0,
			errors: []
		});
		expectNoNumber(firstBody, batch);

		const again = await post(request, text);
		expect(again.status()).toBe(200);
		expect(await again.json()).toEqual({
			ok: true,
			received: 2,
			applied: 0,
			duplicates: 2,
			errors: []
		});
	});

	test('refuses a request without the key, or with a wrong one', async ({ request }) => {
		const batch = freshBatch();
		for (const authorization of [null, 'Bearer wrong-key', `Basic ${KEY}`]) {
			const response = await post(request, batch.lines.join('\n'), authorization);
			expect(response.status(), String(authorization)).toBe(401);
			expect(response.headers()['www-authenticate']).toBe('Bearer');
			expectNoNumber(await response.text(), batch);
		}
		// Nothing was stored: the same batch with the key is new.
		const accepted = await post(request, batch.lines.join('\n'));
		expect(await accepted.json()).toMatchObject({ applied: 2 });
	});

	test('refuses a batch with a bad line as a whole and names the line', async ({ request }) => {
		const batch = freshBatch();
		const text = [batch.lines[0], '', '{"id": "x", "proceeding": "nonsense"', batch.lines[1]].join(
			'\n'
		);

		const refused = await post(request, text);
		expect(refused.status()).toBe(400);
		const body = await refused.text();
		expect(JSON.parse(body)).toEqual({
			ok: false,
			received: 3,
			applied: 0,
			duplicates: 0,
			errors: [{ line: 3, error: 'not_json' }]
		});
		expectNoNumber(body, batch);

		// Nothing was stored: the good lines alone are all new.
		const good = await post(request, batch.lines.join('\n'));
		expect(await good.json()).toMatchObject({ applied: 2, duplicates: 0 });
	});

	test('names a line with NUL in its id or details: 400, never 503 try again', async ({
		request
	}) => {
		const batch = freshBatch();
		const first = JSON.parse(batch.lines[0]!) as Record<string, unknown>;
		const second = JSON.parse(batch.lines[1]!) as Record<string, unknown>;
		const text = [
			JSON.stringify({ ...first, id: `${first.id as string}\u0000` }),
			JSON.stringify({ ...second, details: { reason: 'docs\u0000', deadline: '2025-10-15' } })
		].join('\n');
		for (let attempt = 0; attempt < 2; attempt++) {
			const refused = await post(request, text);
			expect(refused.status()).toBe(400);
			expect(refused.headers()['retry-after']).toBeUndefined();
			expect(await refused.json()).toEqual({
				ok: false,
				received: 2,
				applied: 0,
				duplicates: 0,
				errors: [
					{ line: 1, error: 'id_invalid' },
					{ line: 2, error: 'details_invalid' }
				]
			});
		}
		const good = await post(request, batch.lines.join('\n'));
		expect(await good.json()).toMatchObject({ applied: 2, duplicates: 0 });
	});

	test('answers an over-limit chunked upload with 413, not a reset', async () => {
		test.setTimeout(60_000);
		// 5.5 MB is over the feed's 5 MB and under the server's body limit (6M); 8 MB over both.
		for (const megabytes of [5.5, 8]) {
			const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
				let answered = false;
				const req = httpRequest(
					{
						host: '127.0.0.1',
						port: E2E_PORT,
						method: 'POST',
						path: URL,
						headers: {
							authorization: `Bearer ${KEY}`,
							'content-type': 'application/x-ndjson',
							'transfer-encoding': 'chunked'
						}
					},
					(res) => {
						answered = true;
						let body = '';
						res.on('data', (d) => (body += d));
						res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
					}
				);
				// Writing on after the answer may fail once the server closes: only an error before it counts.
				req.on('error', (e) => {
					if (!answered) reject(e);
				});
				const line = `${'x'.repeat(1023)}\n`;
				const chunk = line.repeat(64);
				let sent = 0;
				const total = megabytes * 1024 * 1024;
				const write = () => {
					while (sent < total) {
						sent += chunk.length;
						if (answered) break;
						if (!req.write(chunk)) return void req.once('drain', write);
					}
					req.end();
				};
				write();
			});
			expect(answer.status, `${megabytes} MB`).toBe(413);
			expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: 'too_large' });
		}
	});

	test('refuses other content types', async ({ request }) => {
		const response = await request.post(URL, {
			data: { id: 'x' },
			headers: { authorization: `Bearer ${KEY}` }
		});
		expect(response.status()).toBe(415);
	});
});
