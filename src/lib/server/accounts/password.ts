import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm.Argon2id; a const enum, which verbatimModuleSyntax cannot import as a value.
const ARGON2ID = 2 as Algorithm;
// OWASP's argon2id minimum (19 MiB, 2 passes); ~30 ms here, cheap enough for sign-in.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password).catch(() => false);
}
