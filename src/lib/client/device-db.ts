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

/** A confirmed booking, so its QR code and details open on the phone without a connection. */
export interface SavedBooking {
	reference: string;
	/** The booking's own page (its token is the only key to it). */
	href: string;
	service: string;
	when: string;
	where: string;
	/** ISO instant, for ordering. */
	startsAt: string;
	/** The QR code of the reference, as the server drew it. */
	qrSvg: string;
}

/** A context shared with the hotline: its code to say, until when, and how to withdraw it. */
export interface SavedContext {
	/** The link token: the key to withdraw it (posted to /help/shared). */
	token: string;
	/** `482 913`. */
	code: string;
	/** ISO instant by this device's clock (saved time + the validity the server gave). */
	expiresAt: string;
	/** The expiry as the server wrote it in the page's language. */
	until: string;
}

/** An entry in a draw for scarce times (issue 13): its private page and what it is for. */
export interface SavedDraw {
	/** The entry's own page (its token is the only key to it). */
	href: string;
	what: string;
	/** The dates the draw gives, as the page wrote them. */
	when: string;
	/** Last state seen: entered, won, waitlisted, withdrawn, … */
	state: string;
	/** ISO instant of the draw, for ordering. */
	drawAt: string;
}

interface PobytDb extends DBSchema {
	proceedings: { key: string; value: SavedProceeding };
	checklists: { key: string; value: ChecklistProgress };
	bookings: { key: string; value: SavedBooking };
	contexts: { key: string; value: SavedContext };
	draws: { key: string; value: SavedDraw };
}

let opened: Promise<IDBPDatabase<PobytDb>> | undefined;

/** What this device keeps, in one IndexedDB database; versions only ever add stores. */
export function deviceDb(): Promise<IDBPDatabase<PobytDb>> {
	opened ??= openDB<PobytDb>('pobyt', 5, {
		upgrade(database, oldVersion) {
			if (oldVersion < 1) database.createObjectStore('proceedings', { keyPath: 'number' });
			if (oldVersion < 2) database.createObjectStore('checklists', { keyPath: 'slug' });
			if (oldVersion < 3) database.createObjectStore('bookings', { keyPath: 'reference' });
			if (oldVersion < 4) database.createObjectStore('contexts', { keyPath: 'token' });
			if (oldVersion < 5) database.createObjectStore('draws', { keyPath: 'href' });
		}
	});
	return opened;
}
