import { deviceDb, type SavedProceeding } from './device-db';

export type { SavedProceeding };

export async function saveProceeding(p: SavedProceeding): Promise<void> {
	await (await deviceDb()).put('proceedings', p);
}

export async function listProceedings(): Promise<SavedProceeding[]> {
	return (await deviceDb()).getAll('proceedings');
}

export async function removeProceeding(number: string): Promise<void> {
	await (await deviceDb()).delete('proceedings', number);
}
