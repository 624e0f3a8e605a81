// Our challenges and checks against altcha-lib's own, both ways: the widget and altcha's solver
// must take our challenges, and we must take and refuse exactly what altcha-lib would.
import { createChallenge, solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { verify } from 'altcha-lib/frameworks/shared';
import { describe, expect, it } from 'vitest';
import { newChallenge, readProof, secrets } from './proof-of-work';

const SECRET = 'proof-secret-0123456789abcdef0123456789';
const ours = secrets(SECRET);

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

async function solve(challenge: Challenge) {
	const solution = await solveChallenge({ challenge, deriveKey });
	if (!solution) throw new Error('not solved');
	return solution;
}

/** altcha-lib's verdict on a payload, with our secrets. */
async function altchaAccepts(payload: string): Promise<boolean> {
	const result = await verify(payload, deriveKey, ours.challenge, ours.key);
	return result.verification?.verified === true && !result.error;
}

/** A challenge as altcha-lib makes it with our secrets. */
const altchaChallenge = (over: { expiresAt?: Date; secret?: string } = {}) =>
	createChallenge({
		algorithm: 'SHA-256',
		cost: 1,
		counter: 40,
		deriveKey,
		hmacSignatureSecret: over.secret ?? ours.challenge,
		hmacKeySignatureSecret: over.secret ? `${over.secret}-key` : ours.key,
		expiresAt: over.expiresAt ?? new Date(Date.now() + 600_000)
	});

describe('proof of work in altcha format', () => {
	it('our challenge is solved by altcha, taken by altcha-lib and by us, under its nonce', async () => {
		const challenge = newChallenge(SECRET, 50);
		expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', cost: 1, keyLength: 32 });
		const payload = encode({ challenge, solution: await solve(challenge) });
		expect(await altchaAccepts(payload)).toBe(true);
		expect(readProof(payload, SECRET)).toEqual({
			kind: 'valid',
			id: challenge.parameters.nonce
		});
		// Another app secret takes nothing.
		expect(readProof(payload, `${SECRET}-other`)).toEqual({ kind: 'invalid' });
	});

	it("altcha-lib's challenge with our secrets is taken by us", async () => {
		const challenge = await altchaChallenge();
		const payload = encode({ challenge, solution: await solve(challenge) });
		expect(readProof(payload, SECRET)).toEqual({
			kind: 'valid',
			id: challenge.parameters.nonce
		});
	});

	it('the work asked grows with `work`', async () => {
		const counters = async (work: number) => {
			let sum = 0;
			for (let i = 0; i < 20; i++) sum += (await solve(newChallenge(SECRET, work))).counter;
			return sum / 20;
		};
		const small = await counters(20);
		const large = await counters(2000);
		expect(small).toBeGreaterThanOrEqual(10);
		expect(small).toBeLessThanOrEqual(30);
		expect(large).toBeGreaterThanOrEqual(1000);
		expect(large).toBeLessThanOrEqual(3000);
	});

	it('refuses what altcha-lib refuses: tampered, forged, expired, foreign, malformed', async () => {
		const challenge = newChallenge(SECRET, 50);
		const solution = await solve(challenge);
		const other = newChallenge(SECRET, 50);
		const otherSolution = await solve(other);
		const expired = await altchaChallenge({ expiresAt: new Date(Date.now() - 1000) });
		const foreign = await altchaChallenge({ secret: 'someone-else-entirely' });
		const cases: Record<string, string> = {
			'a longer expiry': encode({
				challenge: {
					...challenge,
					parameters: { ...challenge.parameters, expiresAt: challenge.parameters.expiresAt! + 3600 }
				},
				solution
			}),
			'an easier prefix': encode({
				challenge: { ...challenge, parameters: { ...challenge.parameters, keyPrefix: '00' } },
				solution
			}),
			'another signature': encode({
				challenge: { ...challenge, signature: other.signature },
				solution
			}),
			"another challenge's key": encode({ challenge, solution: otherSolution }),
			'an upper-case key': encode({
				challenge,
				solution: { ...solution, derivedKey: solution.derivedKey.toUpperCase() }
			}),
			'a fractional counter': encode({ challenge, solution: { ...solution, counter: 1.5 } }),
			'a negative counter': encode({ challenge, solution: { ...solution, counter: -1 } }),
			'no key signature': encode({
				challenge: {
					...challenge,
					parameters: { ...challenge.parameters, keySignature: undefined }
				},
				solution
			}),
			expired: encode({ challenge: expired, solution: { counter: 40, derivedKey: 'ab' } }),
			'signed by another': encode({
				challenge: foreign,
				solution: { counter: 40, derivedKey: 'ab' }
			}),
			'not base64 JSON': 'not base64 json',
			'a JSON array': encode([challenge, solution]),
			'no solution': encode({ challenge }),
			'a server payload': encode({ verificationData: 'id=1', signature: 'x', algorithm: 'SHA-256' })
		};
		for (const [name, payload] of Object.entries(cases)) {
			expect(readProof(payload, SECRET), name).toEqual({ kind: 'invalid' });
			expect(await altchaAccepts(payload), name).toBe(false);
		}
		// The untouched payload is taken by both: the cases above fail for what they change.
		const intact = encode({ challenge, solution });
		expect(readProof(intact, SECRET).kind).toBe('valid');
		expect(await altchaAccepts(intact)).toBe(true);
		expect(readProof(null, SECRET)).toEqual({ kind: 'absent' });
	});
});
