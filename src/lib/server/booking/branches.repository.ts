import { asc, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { branches } from './booking.schema';

export interface BranchRow {
	id: number;
	slug: string;
	name: string;
	city: string;
}

export async function listBranches(): Promise<BranchRow[]> {
	return getDb()
		.select({ id: branches.id, slug: branches.slug, name: branches.name, city: branches.city })
		.from(branches)
		.where(eq(branches.active, true))
		.orderBy(asc(branches.name));
}

export async function branchAddress(
	id: number
): Promise<{ slug: string; name: string; street: string; postcode: string; city: string }> {
	const [row] = await getDb()
		.select({
			slug: branches.slug,
			name: branches.name,
			street: branches.street,
			postcode: branches.postcode,
			city: branches.city
		})
		.from(branches)
		.where(eq(branches.id, id));
	return row!;
}
