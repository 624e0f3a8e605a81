import { createHash, timingSafeEqual } from 'node:crypto';

/** `Authorization: Bearer <key>`, compared in constant time (digests hide the key's length too). */
export function isBearerAuthorized(authorization: string | null, key: string): boolean {
	const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1] ?? '';
	const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
	return timingSafeEqual(digest(presented), digest(key)) && presented !== '';
}
