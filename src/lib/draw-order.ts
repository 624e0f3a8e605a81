// The published definition of a draw's order (issue 13, docs/adr/0009). Shared by the server,
// the release page and `npm run draw:verify`, so all three compute exactly the same thing.
// Node's crypto only: nothing here runs in the browser.
import { createHash, createHmac } from 'node:crypto';

/** The commitment published when the window opens: SHA-256 of the 32 seed bytes, lowercase hex. */
export function commitmentOf(seed: Uint8Array): string {
	return createHash('sha256').update(seed).digest('hex');
}

/** An entry's draw key: HMAC-SHA256(key = seed bytes, message = public id as UTF-8), hex. */
export function drawKey(seed: Uint8Array, publicId: string): string {
	return createHmac('sha256', seed).update(publicId, 'utf8').digest('hex');
}

/** The public ids in drawn order: ascending by their draw key compared as hex strings. */
export function drawOrder(seed: Uint8Array, publicIds: readonly string[]): string[] {
	return publicIds
		.map((id) => ({ id, key: drawKey(seed, id) }))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map((e) => e.id);
}

export const SEED_HEX = /^[0-9a-f]{64}$/;
