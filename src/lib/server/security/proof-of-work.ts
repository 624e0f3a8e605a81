// Proof of work before a seat is held (altcha, self-hosted: no third party sees the visitor).
// A browser spends a second or two of computation per hold; a bot grabbing hundreds of seats
// pays that hundreds of times. Pages keep working without JavaScript: see docs/adr/0004.
import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { verify } from 'altcha-lib/frameworks/shared';
import { Limits } from '../rate-limit/limiter';

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

const once = new Limits([{ name: 'pow:used', points: 1, durationSeconds: VALID_SECONDS + 60 }]);

export type ProofOutcome = 'absent' | 'valid' | 'invalid';

/**
 * Checks the widget's payload: signed by us, solved, not expired, and not used before — a
 * solution buys one hold (the first use is recorded in the shared throttle table, atomically).
 */
export async function checkProof(
	payload: string | null | undefined,
	appSecret: string
): Promise<ProofOutcome> {
	if (!payload) return 'absent';
	const { challenge, key } = secrets(appSecret);
	const result = await verify(payload, deriveKey, challenge, key, {
		get: () => false,
		set: () => {},
		setIfAbsent: async (id: string) => (await once.consume({ 'pow:used': id })).allowed
	});
	return result.verification?.verified && !result.error ? 'valid' : 'invalid';
}
