import { deviceDb, type SavedContext } from './device-db';

export type { SavedContext };

export async function saveContext(context: SavedContext): Promise<void> {
	await (await deviceDb()).put('contexts', context);
}

/** The contexts still valid, soonest to expire first; expired ones are forgotten. */
export async function listContexts(now = new Date()): Promise<SavedContext[]> {
	const db = await deviceDb();
	const all = await db.getAll('contexts');
	const expired = all.filter((c) => new Date(c.expiresAt) <= now);
	await Promise.all(expired.map((c) => db.delete('contexts', c.token)));
	return all
		.filter((c) => new Date(c.expiresAt) > now)
		.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

export async function removeContext(token: string): Promise<void> {
	await (await deviceDb()).delete('contexts', token);
}
