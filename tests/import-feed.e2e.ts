import { randomBytes, randomInt } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
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
		expect(first.headers()['cache-control']).toBe('no-store');
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
		expect(refused.status()).toBe(422);
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

	test('refuses other content types', async ({ request }) => {
		const response = await request.post(URL, {
			data: { id: 'x' },
			headers: { authorization: `Bearer ${KEY}` }
		});
		expect(response.status()).toBe(415);
	});
});
