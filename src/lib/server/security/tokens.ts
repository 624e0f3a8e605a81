// Secrets handed to people (links, session cookies): random, shown once, stored only as hashes.
// Imported by database start-up (tsx CLI): relative imports only.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** 160 random bits in base64url (27 characters). */
export function newToken(): string {
	return randomBytes(20).toString('base64url');
}

export function hashToken(token: string): Uint8Array {
	return createHash('sha256').update(token, 'utf8').digest();
}

/** 20 bytes in base64url, as `newToken` writes them. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{27}$/;

/** A row id as PostgreSQL's `uuid` writes it: checked before a query, so junk is a miss, not a 500. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sealingKey(secret: string, purpose: string): Buffer {
	return Buffer.from(hkdfSync('sha256', secret, 'pobyt', purpose, 32));
}

/**
 * AES-256-GCM under a key derived from APP_SECRET for one purpose: for secrets the server must
 * read back (TOTP keys), so a copy of the database alone does not yield them.
 */
export function seal(plain: Uint8Array, secret: string, purpose: string): Uint8Array {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealingKey(secret, purpose), iv);
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unseal(sealed: Uint8Array, secret: string, purpose: string): Uint8Array {
	const data = Buffer.from(sealed);
	const decipher = createDecipheriv(
		'aes-256-gcm',
		sealingKey(secret, purpose),
		data.subarray(0, 12)
	);
	decipher.setAuthTag(data.subarray(12, 28));
	return new Uint8Array(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]));
}
