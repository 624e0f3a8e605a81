import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A proceeding the person chose to keep on this device (with consent), and what we last saw. */
export interface SavedProceeding {
	number: string;
	birthDate: string;
	stage: string;
	stageTitle: string;
	/** ISO instant of the last successful check. */
	checkedAt: string;
}

interface PobytDb extends DBSchema {
	proceedings: { key: string; value: SavedProceeding };
}

let opened: Promise<IDBPDatabase<PobytDb>> | undefined;

function db(): Promise<IDBPDatabase<PobytDb>> {
	opened ??= openDB<PobytDb>('pobyt', 1, {
		upgrade(database) {
			database.createObjectStore('proceedings', { keyPath: 'number' });
		}
	});
	return opened;
}

export async function saveProceeding(p: SavedProceeding): Promise<void> {
	await (await db()).put('proceedings', p);
}

export async function listProceedings(): Promise<SavedProceeding[]> {
	return (await db()).getAll('proceedings');
}

export async function removeProceeding(number: string): Promise<void> {
	await (await db()).delete('proceedings', number);
}
