import { deviceDb, type SavedBooking } from './device-db';

export type { SavedBooking };

export async function saveBooking(booking: SavedBooking): Promise<void> {
	await (await deviceDb()).put('bookings', booking);
}

export async function listBookings(): Promise<SavedBooking[]> {
	const all = await (await deviceDb()).getAll('bookings');
	return all.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export async function removeBooking(reference: string): Promise<void> {
	await (await deviceDb()).delete('bookings', reference);
}
