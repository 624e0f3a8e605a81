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
