import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { staffUsers } from '../accounts/accounts.schema';
import { getDb, type Db } from '../db';
import {
	checklists,
	checklistSearch,
	checklistVersions,
	searchQueries,
	type ChecklistContent,
	type Situation
} from './content.schema';
import { foldForSearch } from './search-text';

const SEARCH_LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;

/** The search documents of one version: per locale, the checklist itself and each item. */
function searchRows(versionId: number, content: ChecklistContent) {
	const doc = (title: string, body: string) =>
		sql`setweight(to_tsvector('simple', ${foldForSearch(title)}), 'A') || to_tsvector('simple', ${foldForSearch(body)})`;
	return SEARCH_LOCALES.flatMap((locale) => [
		{
			versionId,
			locale,
			itemKey: null,
			document: doc(content.title[locale], content.summary[locale])
		},
		...content.items.map((item) => ({
			versionId,
			locale,
			itemKey: item.key,
			document: doc(
				item.title[locale],
				[item.why[locale], item.condition?.[locale] ?? ''].join(' ')
			)
		}))
	]);
}

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
	publishedBy?: string | null;
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
				publishedAt: input.publishedAt,
				publishedBy: input.publishedBy ?? null
			})
			.onConflictDoNothing()
			.returning({ id: checklistVersions.id });
		if (inserted.length === 0) return false;
		await tx.insert(checklistSearch).values(searchRows(inserted[0]!.id, input.content));
		return true;
	});
}

/** Builds search documents for versions stored before search existed. Returns how many. */
export async function indexUnsearchableVersions(db: Db = getDb()): Promise<number> {
	const missing = await db
		.select({ id: checklistVersions.id, content: checklistVersions.content })
		.from(checklistVersions)
		.leftJoin(checklistSearch, eq(checklistSearch.versionId, checklistVersions.id))
		.where(isNull(checklistSearch.versionId));
	for (const version of missing) {
		await db.insert(checklistSearch).values(searchRows(version.id, version.content));
	}
	return missing.length;
}

export interface SearchHit {
	versionId: number;
	/** null: the checklist's title or summary matched. */
	itemKey: string | null;
	rank: number;
}

/** Full-text matches among the given versions, in one locale, best first. */
export async function searchDocuments(
	versionIds: number[],
	locale: string,
	tsquery: string,
	db: Db = getDb()
): Promise<SearchHit[]> {
	if (versionIds.length === 0) return [];
	const query = sql`to_tsquery('simple', ${tsquery})`;
	return db
		.select({
			versionId: checklistSearch.versionId,
			itemKey: checklistSearch.itemKey,
			rank: sql<number>`ts_rank(${checklistSearch.document}, ${query})::float8`
		})
		.from(checklistSearch)
		.where(
			and(
				inArray(checklistSearch.versionId, versionIds),
				eq(checklistSearch.locale, locale),
				sql`${checklistSearch.document} @@ ${query}`
			)
		)
		.orderBy(sql`3 desc`);
}

export async function insertSearchQuery(
	row: { day: string; locale: string; query: string; resultCount: number },
	db: Db = getDb()
): Promise<void> {
	await db.insert(searchQueries).values(row);
}

export type VersionInForce = Omit<
	NewChecklistVersion,
	'serviceSlug' | 'publishedAt' | 'publishedBy'
> & {
	id: number;
};

/** A version with its checklist's slug and situation, as both the public and editors read it. */
const VERSION_COLUMNS = {
	id: checklistVersions.id,
	slug: checklists.slug,
	situation: checklists.situation,
	version: checklistVersions.version,
	effectiveFrom: checklistVersions.effectiveFrom,
	lastReviewed: checklistVersions.lastReviewed,
	sourceTitle: checklistVersions.sourceTitle,
	sourceUrl: checklistVersions.sourceUrl,
	content: checklistVersions.content
};

/** For each checklist (or the one with `slug`), the published version in force on `date`. */
export async function versionsInForce(
	date: string,
	slug?: string,
	db: Db = getDb()
): Promise<VersionInForce[]> {
	return db
		.selectDistinctOn([checklists.id], VERSION_COLUMNS)
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

export interface StoredVersion {
	id: number;
	slug: string;
	situation: Situation;
	serviceSlug: string | null;
	version: number;
	effectiveFrom: string;
	lastReviewed: string;
	sourceTitle: string;
	sourceUrl: string;
	content: ChecklistContent;
	publishedAt: Date | null;
	publishedByName: string | null;
}

/** Every version of one checklist, newest first (the editor's history). */
export async function checklistHistory(slug: string, db: Db = getDb()): Promise<StoredVersion[]> {
	return db
		.select({
			...VERSION_COLUMNS,
			serviceSlug: checklists.serviceSlug,
			publishedAt: checklistVersions.publishedAt,
			publishedByName: staffUsers.displayName
		})
		.from(checklistVersions)
		.innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
		.leftJoin(staffUsers, eq(staffUsers.id, checklistVersions.publishedBy))
		.where(eq(checklists.slug, slug))
		.orderBy(desc(checklistVersions.version));
}

/** Slugs with their latest version number and titles, for the editor's list. */
export async function allChecklistSlugs(db: Db = getDb()): Promise<string[]> {
	const rows = await db
		.select({ slug: checklists.slug })
		.from(checklists)
		.orderBy(asc(checklists.slug));
	return rows.map((r) => r.slug);
}
