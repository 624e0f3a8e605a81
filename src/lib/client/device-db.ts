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

/** The documents ticked in one checklist ("I have this"), kept only on this device. */
export interface ChecklistProgress {
	slug: string;
	/** Title and address in the language of the page last ticked on. */
	title: string;
	href: string;
	version: number;
	ticked: string[];
	total: number;
	/** ISO instant of the last change. */
	updatedAt: string;
}

interface PobytDb extends DBSchema {
	proceedings: { key: string; value: SavedProceeding };
	checklists: { key: string; value: ChecklistProgress };
}

let opened: Promise<IDBPDatabase<PobytDb>> | undefined;

/** What this device keeps, in one IndexedDB database; versions only ever add stores. */
export function deviceDb(): Promise<IDBPDatabase<PobytDb>> {
	opened ??= openDB<PobytDb>('pobyt', 2, {
		upgrade(database, oldVersion) {
			if (oldVersion < 1) database.createObjectStore('proceedings', { keyPath: 'number' });
			if (oldVersion < 2) database.createObjectStore('checklists', { keyPath: 'slug' });
		}
	});
	return opened;
}
