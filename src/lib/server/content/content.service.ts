// Document checklists (issue "Document checklists"): published from files, read in one locale.
// Imported by database start-up, which the CLI runs with tsx: relative imports only, no `$lib`.
import type { Locale } from '../../paraglide/runtime';
import { pragueDate } from '../../time/prague';
import { loadConfig } from '../config';
import type { Db } from '../db';
import { readChecklistFiles } from './content-files';
import { errorFacts, log } from '../log';
import {
	indexUnsearchableVersions,
	insertChecklistVersion,
	insertSearchQuery,
	searchDocuments,
	storedVersionKeys,
	versionsInForce,
	type VersionInForce
} from './content.repository';
import { scrubQuery, searchQueryTerms } from './search-text';
import {
	SITUATIONS,
	type FormKind,
	type Legalisation,
	type Localized,
	type Situation
} from './content.schema';

export interface ContentLoadResult {
	/** `slug@version` of each version this call stored. */
	inserted: string[];
}

/**
 * Publishes every checklist version in the content files that the database does not hold yet.
 * Stored versions are never changed: a corrected text is a new version. Cheap when nothing
 * changed: one query, no writes.
 */
export async function loadChecklistsFromFiles(
	db: Db | undefined = undefined,
	contentDir: string = loadConfig().contentDir,
	publishedAt: Date = new Date()
): Promise<ContentLoadResult> {
	const files = await readChecklistFiles(contentDir);
	const stored = await storedVersionKeys(db);
	const inserted: string[] = [];
	for (const file of files) {
		const key = `${file.slug}@${file.version}`;
		if (stored.has(key)) continue;
		const added = await insertChecklistVersion(
			{
				slug: file.slug,
				situation: file.situation,
				serviceSlug: file.service ?? null,
				version: file.version,
				effectiveFrom: file.effectiveFrom,
				lastReviewed: file.lastReviewed,
				sourceTitle: file.source.title,
				sourceUrl: file.source.url,
				content: { title: file.title, summary: file.summary, items: file.items },
				publishedAt
			},
			db
		);
		if (added) inserted.push(key);
	}
	await indexUnsearchableVersions(db);
	return { inserted };
}

export interface ChecklistSummaryView {
	slug: string;
	title: string;
	summary: string;
}

export interface SituationGroupView {
	situation: Situation;
	checklists: ChecklistSummaryView[];
}

export interface ChecklistItemView {
	key: string;
	title: string;
	why: string;
	form: {
		kind: FormKind;
		/** An official translation into Czech is required. */
		translation: boolean;
		legalisation: Legalisation;
		maxAgeDays: number | null;
	};
	/** When the item applies only in some cases: which. */
	condition: string | null;
	link: { url: string; label: string } | null;
	/** Where the item was checked and when (`reviewed`, `YYYY-MM-DD`); null for items not yet reviewed. */
	source: { title: string; url: string; reviewed: string } | null;
}

export interface ChecklistView {
	slug: string;
	situation: Situation;
	title: string;
	summary: string;
	version: number;
	/** `YYYY-MM-DD` */
	effectiveFrom: string;
	/** `YYYY-MM-DD` */
	lastReviewed: string;
	source: { title: string; url: string };
	items: ChecklistItemView[];
}

/** The Europe/Prague calendar date of an instant, `YYYY-MM-DD`. */
export { pragueDate };

const pick = (text: Localized, locale: Locale): string => text[locale];

/** The checklists in force today, grouped by situation in a fixed order, titles A–Z. */
export async function listChecklists(locale: Locale, today: Date): Promise<SituationGroupView[]> {
	const rows = await versionsInForce(pragueDate(today));
	const collator = new Intl.Collator(locale);
	return SITUATIONS.map((situation) => ({
		situation,
		checklists: rows
			.filter((r) => r.situation === situation)
			.map((r) => ({
				slug: r.slug,
				title: pick(r.content.title, locale),
				summary: pick(r.content.summary, locale)
			}))
			.sort((a, b) => collator.compare(a.title, b.title))
	})).filter((g) => g.checklists.length > 0);
}

/** The public view of a version in one locale (also the editor's preview). */
export function toView(row: VersionInForce, locale: Locale): ChecklistView {
	return {
		slug: row.slug,
		situation: row.situation,
		title: pick(row.content.title, locale),
		summary: pick(row.content.summary, locale),
		version: row.version,
		effectiveFrom: row.effectiveFrom,
		lastReviewed: row.lastReviewed,
		source: { title: row.sourceTitle, url: row.sourceUrl },
		items: row.content.items.map((item) => ({
			key: item.key,
			title: pick(item.title, locale),
			why: pick(item.why, locale),
			form: { ...item.form },
			condition: item.condition ? pick(item.condition, locale) : null,
			link: item.link ? { url: item.link.url, label: pick(item.link.label, locale) } : null,
			source: item.source ? { ...item.source } : null
		}))
	};
}

/** The checklist in force today, or null when there is none with this slug (yet). */
export async function getChecklist(
	slug: string,
	locale: Locale,
	today: Date
): Promise<ChecklistView | null> {
	const [row] = await versionsInForce(pragueDate(today), slug);
	return row ? toView(row, locale) : null;
}

export interface ChecklistSearchResult extends ChecklistSummaryView {
	/** Titles of the items that matched, in the checklist's order. */
	matchedItems: string[];
}

/**
 * Full-text search over the checklists in force today, in the reader's language. Every search is
 * recorded with its result count (the words only, scrubbed; see `scrubQuery`), so that queries
 * finding nothing show which content is missing.
 */
export async function searchChecklists(
	typed: string,
	locale: Locale,
	today: Date
): Promise<ChecklistSearchResult[]> {
	const terms = searchQueryTerms(typed);
	if (!terms) return [];
	const versions = await versionsInForce(pragueDate(today));
	const hits = await searchDocuments(
		versions.map((v) => v.id),
		locale,
		terms
	);
	const best = new Map<number, { rank: number; items: Set<string> }>();
	for (const hit of hits) {
		const entry = best.get(hit.versionId) ?? { rank: 0, items: new Set<string>() };
		entry.rank = Math.max(entry.rank, hit.rank);
		if (hit.itemKey) entry.items.add(hit.itemKey);
		best.set(hit.versionId, entry);
	}
	const results = versions
		.filter((v) => best.has(v.id))
		.sort((a, b) => best.get(b.id)!.rank - best.get(a.id)!.rank)
		.map((v) => ({
			slug: v.slug,
			title: pick(v.content.title, locale),
			summary: pick(v.content.summary, locale),
			matchedItems: v.content.items
				.filter((item) => best.get(v.id)!.items.has(item.key))
				.map((item) => pick(item.title, locale))
		}));
	// Off the latency path: a lost record costs a count, never the answer.
	insertSearchQuery({
		day: pragueDate(today),
		locale,
		query: scrubQuery(typed),
		resultCount: results.length
	}).catch((err: unknown) => log.warn({ err: errorFacts(err) }, 'search query not recorded'));
	return results;
}

/** What the hotline sees of a checklist a caller is working through (escalation issue). */
export interface ChecklistContext {
	slug: string;
	title: string;
	version: number;
	total: number;
	/** Items the person has not ticked yet, in the checklist's order. */
	unticked: { key: string; title: string }[];
}

/**
 * The checklist in force today with the person's ticks (item keys kept on their device, sent
 * with their consent), in the agent's locale. Keys the checklist does not have are ignored.
 * Null for an unknown slug.
 */
export async function checklistContext(
	slug: string,
	ticked: readonly string[],
	locale: Locale,
	today: Date
): Promise<ChecklistContext | null> {
	const checklist = await getChecklist(slug, locale, today);
	if (!checklist) return null;
	const have = new Set(ticked);
	return {
		slug: checklist.slug,
		title: checklist.title,
		version: checklist.version,
		total: checklist.items.length,
		unticked: checklist.items
			.filter((item) => !have.has(item.key))
			.map((item) => ({ key: item.key, title: item.title }))
	};
}

/** One document of a shared checklist, as the caller reads it and as the agent reads it. */
export interface SideBySideItem {
	key: string;
	/** Its place in the list as the caller sees it (1-based). */
	number: number;
	ticked: boolean;
	caller: string;
	agent: string;
}

/** A shared checklist in two languages, item by item (issue 17 point 2). */
export interface SideBySideChecklist {
	slug: string;
	version: number;
	title: { caller: string; agent: string };
	total: number;
	untickedCount: number;
	items: SideBySideItem[];
}

/**
 * The checklist in force today with the caller's ticks, in the caller's language and the agent's
 * at once, so both point at the same line ("the third document"). Null for an unknown slug.
 */
export async function checklistSideBySide(
	slug: string,
	ticked: readonly string[],
	callerLocale: Locale,
	agentLocale: Locale,
	today: Date
): Promise<SideBySideChecklist | null> {
	const [row] = await versionsInForce(pragueDate(today), slug);
	if (!row) return null;
	const have = new Set(ticked);
	const items = row.content.items.map((item, i) => ({
		key: item.key,
		number: i + 1,
		ticked: have.has(item.key),
		caller: pick(item.title, callerLocale),
		agent: pick(item.title, agentLocale)
	}));
	return {
		slug: row.slug,
		version: row.version,
		title: {
			caller: pick(row.content.title, callerLocale),
			agent: pick(row.content.title, agentLocale)
		},
		total: items.length,
		untickedCount: items.filter((item) => !item.ticked).length,
		items
	};
}
