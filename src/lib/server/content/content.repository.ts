import { and, asc, desc, eq, isNotNull, lte } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import {
	checklists,
	checklistVersions,
	type ChecklistContent,
	type Situation
} from './content.schema';

/** `slug@version` of every stored checklist version. */
export async function storedVersionKeys(db: Db = getDb()): Promise<Set<string>> {
	const rows = await db
		.select({ slug: checklists.slug, version: checklistVersions.version })
		.from(checklistVersions)
		.innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId));
	return new Set(rows.map((r) => `${r.slug}@${r.version}`));
}

export interface NewChecklistVersion {
	slug: string;
	situation: Situation;
	serviceSlug: string | null;
	version: number;
	effectiveFrom: string;
	lastReviewed: string;
	sourceTitle: string;
	sourceUrl: string;
	content: ChecklistContent;
	publishedAt: Date;
}

/**
 * Stores a version unless that (slug, version) is already there; several instances may start
 * together, so both inserts yield to a concurrent one through the unique constraints.
 * Returns whether this call stored it.
 */
export async function insertChecklistVersion(
	input: NewChecklistVersion,
	db: Db = getDb()
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [checklist] = await tx
			.insert(checklists)
			.values({ slug: input.slug, situation: input.situation, serviceSlug: input.serviceSlug })
			.onConflictDoUpdate({
				target: checklists.slug,
				set: { situation: input.situation, serviceSlug: input.serviceSlug }
			})
			.returning({ id: checklists.id });
		const inserted = await tx
			.insert(checklistVersions)
			.values({
				checklistId: checklist!.id,
				version: input.version,
				effectiveFrom: input.effectiveFrom,
				lastReviewed: input.lastReviewed,
				sourceTitle: input.sourceTitle,
				sourceUrl: input.sourceUrl,
				content: input.content,
				publishedAt: input.publishedAt
			})
			.onConflictDoNothing()
			.returning({ id: checklistVersions.id });
		return inserted.length > 0;
	});
}

export type VersionInForce = Omit<NewChecklistVersion, 'serviceSlug' | 'publishedAt'>;

/** For each checklist (or the one with `slug`), the published version in force on `date`. */
export async function versionsInForce(
	date: string,
	slug?: string,
	db: Db = getDb()
): Promise<VersionInForce[]> {
	return db
		.selectDistinctOn([checklists.id], {
			slug: checklists.slug,
			situation: checklists.situation,
			version: checklistVersions.version,
			effectiveFrom: checklistVersions.effectiveFrom,
			lastReviewed: checklistVersions.lastReviewed,
			sourceTitle: checklistVersions.sourceTitle,
			sourceUrl: checklistVersions.sourceUrl,
			content: checklistVersions.content
		})
		.from(checklists)
		.innerJoin(checklistVersions, eq(checklistVersions.checklistId, checklists.id))
		.where(
			and(
				isNotNull(checklistVersions.publishedAt),
				lte(checklistVersions.effectiveFrom, date),
				slug === undefined ? undefined : eq(checklists.slug, slug)
			)
		)
		.orderBy(
			asc(checklists.id),
			desc(checklistVersions.effectiveFrom),
			desc(checklistVersions.version)
		);
}
