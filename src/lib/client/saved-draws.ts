import { deviceDb, type SavedDraw } from './device-db';

export type { SavedDraw };

export async function saveDraw(draw: SavedDraw): Promise<void> {
	await (await deviceDb()).put('draws', draw);
}

export async function listDraws(): Promise<SavedDraw[]> {
	const all = await (await deviceDb()).getAll('draws');
	return all.sort((a, b) => a.drawAt.localeCompare(b.drawAt));
}
