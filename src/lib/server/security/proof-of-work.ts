// Proof of work before a seat is held (altcha, self-hosted: no third party sees the visitor).
// A browser spends a second or two of computation per hold; a bot grabbing hundreds of seats
// pays that hundreds of times. Pages keep working without JavaScript: see docs/adr/0004.
import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { verify } from 'altcha-lib/frameworks/shared';
import { Limits, type LimitRow } from '../rate-limit/limiter';

/** How long a challenge may be solved and used (real time, not the app's clock). */
const VALID_SECONDS = 15 * 60;

function secrets(appSecret: string) {
	const derive = (purpose: string) =>
		createHmac('sha256', appSecret).update(`altcha\u0000${purpose}`).digest('hex');
	return { challenge: derive('challenge'), key: derive('key') };
}

/**
 * A signed challenge whose answer the server already knows (altcha's deterministic mode), so
 * checking costs one hash; `work` is the expected number of attempts.
 */
export async function newChallenge(appSecret: string, work: number): Promise<Challenge> {
	const { challenge, key } = secrets(appSecret);
	return createChallenge({
		algorithm: 'SHA-256',
		cost: 1,
		counter: randomInt(Math.ceil(work / 2), Math.ceil(work * 1.5)),
		deriveKey,
		hmacSignatureSecret: challenge,
		hmacKeySignatureSecret: key,
		expiresAt: new Date(Date.now() + VALID_SECONDS * 1000)
	});
}

/**
 * A solution buys one action: its first use is counted under this rule (the shared throttle
 * table, atomically). An action whose statement counts its own throttle counts the proof's use
 * in it (`proofUse`, booking's hold and the draw's entry); the others call `checkProof`.
 */
export const PROOF_USE = { name: 'pow:used', points: 1, durationSeconds: VALID_SECONDS + 60 };
const once = new Limits([PROOF_USE]);

export type ProofOutcome = 'absent' | 'valid' | 'invalid';

export type ProofReading = { kind: 'absent' } | { kind: 'invalid' } | { kind: 'valid'; id: string };

/**
 * Checks the widget's payload — signed by us, solved, not expired — without counting its use:
 * a valid one comes with the id its single use is counted under (`proofUse`).
 */
export async function readProof(
	payload: string | null | undefined,
	appSecret: string
): Promise<ProofReading> {
	if (!payload) return { kind: 'absent' };
	const { challenge, key } = secrets(appSecret);
	let id: string | undefined;
	const result = await verify(payload, deriveKey, challenge, key, {
		get: () => false,
		set: () => {},
		setIfAbsent: async (seen: string) => {
			id = seen;
			return true;
		}
	});
	return result.verification?.verified && !result.error && id !== undefined
		? { kind: 'valid', id }
		: { kind: 'invalid' };
}

/** The throttle key of a valid proof's single use, for a `Limits` that has `PROOF_USE`. */
export const proofUse = (proof: { id: string }) => ({ [PROOF_USE.name]: proof.id });

/** Whether the counters a statement returned after counting `proofUse` say it was used before. */
export const proofReused = (counters: LimitRow[]) =>
	counters.some((c) => c.key.startsWith(`${PROOF_USE.name}:`) && c.points > PROOF_USE.points);

/**
 * Checks the widget's payload: signed by us, solved, not expired, and not used before — a
 * solution buys one action (the first use is recorded in the shared throttle table, atomically).
 */
export async function checkProof(
	payload: string | null | undefined,
	appSecret: string
): Promise<ProofOutcome> {
	const proof = await readProof(payload, appSecret);
	if (proof.kind !== 'valid') return proof.kind;
	return (await once.consume(proofUse(proof))).allowed ? 'valid' : 'invalid';
}
