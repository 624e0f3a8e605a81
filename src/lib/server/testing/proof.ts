import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { newChallenge } from '../security/proof-of-work';

/** What the widget posts: the challenge and its solution, base64 JSON. */
export async function solved(challenge: Awaited<ReturnType<typeof newChallenge>>): Promise<string> {
	const solution = await solveChallenge({ challenge, deriveKey });
	if (!solution) throw new Error('not solved');
	return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** A fresh, solved proof of work signed with `secret` (a small amount of work). */
export async function solvedProof(secret: string): Promise<string> {
	return solved(newChallenge(secret, 50));
}
