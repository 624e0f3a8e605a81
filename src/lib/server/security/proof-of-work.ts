// Proof of work before a seat is held (altcha, self-hosted: no third party sees the visitor).
// A browser spends a second or two of computation per hold; a bot grabbing hundreds of seats
// pays that hundreds of times. Pages keep working without JavaScript: see docs/adr/0004.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Challenge } from 'altcha-lib';
import { Limits, type LimitRow } from '../rate-limit/limiter';

/** How long a challenge may be solved and used (real time, not the app's clock). */
const VALID_SECONDS = 15 * 60;
/** altcha's defaults for SHA-256: a 32-byte key, of which the first half is the prefix to find. */
const KEY_LENGTH = 32;
const PREFIX_BYTES = KEY_LENGTH / 2;

const derivedSecrets = new Map<string, { challenge: string; key: string }>();

/** The two HMAC secrets of altcha's format, derived once per app secret (exported for tests). */
export function secrets(appSecret: string) {
	let found = derivedSecrets.get(appSecret);
	if (!found) {
		const derive = (purpose: string) =>
			createHmac('sha256', appSecret).update(`altcha\u0000${purpose}`).digest('hex');
		derivedSecrets.set(appSecret, (found = { challenge: derive('challenge'), key: derive('key') }));
	}
	return found;
}

// Challenges are made and checked here with node:crypto, in altcha's format (v2, SHA-256, cost 1,
// deterministic mode, key signature), so the widget and altcha-lib's solver take them as theirs:
// altcha-lib does the same with WebCrypto, an importKey and a sign job per HMAC, four per hold —
// a tenth of a booking's CPU in the profile (docs/adr/0003). proof-of-work.spec.ts checks both
// ways against altcha-lib.

const hmacHex = (secret: string, data: string | Uint8Array) =>
	createHmac('sha256', secret).update(data).digest('hex');

/** altcha's canonical form: keys sorted at every depth, undefined values left out. */
function canonical(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const record = value as Record<string, unknown>;
	return Object.fromEntries(
		Object.keys(record)
			.sort()
			.flatMap((key) => (record[key] === undefined ? [] : [[key, canonical(record[key])]]))
	);
}

/** altcha's SHA-256 key (cost 1): SHA-256 of salt ‖ nonce ‖ the counter as 4 bytes big-endian. */
function derivedKey(saltHex: string, nonceHex: string, counter: number): Buffer {
	const count = Buffer.alloc(4);
	count.writeUInt32BE(counter);
	return createHash('sha256')
		.update(Buffer.from(saltHex, 'hex'))
		.update(Buffer.from(nonceHex, 'hex'))
		.update(count)
		.digest();
}

/**
 * A signed challenge whose answer the server already knows (altcha's deterministic mode), so
 * checking costs two HMACs and no search; `work` is the expected number of attempts.
 */
export function newChallenge(appSecret: string, work: number): Challenge {
	const { challenge, key } = secrets(appSecret);
	const nonce = randomBytes(16).toString('hex');
	const salt = randomBytes(16).toString('hex');
	const counter = randomInt(Math.ceil(work / 2), Math.ceil(work * 1.5) + 1);
	const derived = derivedKey(salt, nonce, counter);
	const parameters = canonical({
		algorithm: 'SHA-256',
		nonce,
		salt,
		cost: 1,
		keyLength: KEY_LENGTH,
		keyPrefix: derived.subarray(0, PREFIX_BYTES).toString('hex'),
		expiresAt: Math.floor(Date.now() / 1000) + VALID_SECONDS,
		keySignature: hmacHex(key, derived)
	}) as Challenge['parameters'];
	return { parameters, signature: hmacHex(challenge, JSON.stringify(parameters)) };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const sameHex = (a: string, b: string) =>
	a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The id a solved payload's single use is counted under, or null unless it is one of our
 * challenges — signed with our secret, not expired — with the key our key signature names (the
 * solver found it by search; only the server could sign it in advance). As altcha-lib checks a
 * self-hosted payload; altcha's server-verified payloads are not ours and are refused.
 */
function solvedChallengeId(payload: string, appSecret: string, nowMs: number): string | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(payload, 'base64').toString('latin1'));
	} catch {
		return null;
	}
	if (!isRecord(parsed) || 'verificationData' in parsed) return null;
	const { challenge, solution } = parsed;
	if (!isRecord(challenge) || !isRecord(solution) || !isRecord(challenge.parameters)) return null;
	const parameters = challenge.parameters;
	const { challenge: signatureSecret, key: keySecret } = secrets(appSecret);
	if (typeof parameters.expiresAt !== 'number' || parameters.expiresAt < nowMs / 1000) return null;
	if (typeof challenge.signature !== 'string') return null;
	if (
		!sameHex(challenge.signature, hmacHex(signatureSecret, JSON.stringify(canonical(parameters))))
	)
		return null;
	const { derivedKey: key, counter } = solution;
	if (typeof key !== 'string' || !/^(?:[0-9a-f]{2})+$/.test(key)) return null;
	if (
		typeof counter !== 'number' ||
		!Number.isInteger(counter) ||
		counter < 0 ||
		counter > 0xffffffff
	)
		return null;
	if (
		typeof parameters.keySignature !== 'string' ||
		!sameHex(parameters.keySignature, hmacHex(keySecret, Buffer.from(key, 'hex')))
	)
		return null;
	const data = parameters.data;
	if (isRecord(data) && data.challengeId) return String(data.challengeId);
	return typeof parameters.nonce === 'string' ? parameters.nonce : null;
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
export function readProof(payload: string | null | undefined, appSecret: string): ProofReading {
	if (!payload) return { kind: 'absent' };
	const id = solvedChallengeId(payload, appSecret, Date.now());
	return id === null ? { kind: 'invalid' } : { kind: 'valid', id };
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
	const proof = readProof(payload, appSecret);
	if (proof.kind !== 'valid') return proof.kind;
	return (await once.consume(proofUse(proof))).allowed ? 'valid' : 'invalid';
}
