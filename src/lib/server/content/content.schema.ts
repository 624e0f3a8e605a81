import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	serial,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/accounts.schema';

export const SITUATIONS = [
	'work',
	'study',
	'family',
	'permanent',
	'extend',
	'change',
	'appointment'
] as const;
export type Situation = (typeof SITUATIONS)[number];

export const FORM_KINDS = [
	'original',
	'certified_copy',
	'copy',
	'official_form',
	'photo',
	'payment'
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export const LEGALISATIONS = ['none', 'apostille_or_superlegalisation'] as const;
export type Legalisation = (typeof LEGALISATIONS)[number];

/** A text in every public locale. */
export interface Localized {
	cs: string;
	en: string;
	uk: string;
	ru: string;
	vi: string;
}

export interface ChecklistItemContent {
	key: string;
	title: Localized;
	why: Localized;
	form: {
		kind: FormKind;
		translation: boolean;
		legalisation: Legalisation;
		maxAgeDays: number | null;
	};
	condition: Localized | null;
	link: { url: string; label: Localized } | null;
	/** The public page this item was checked against, and when (`YYYY-MM-DD`); absent in older versions. */
	source?: { title: string; url: string; reviewed: string };
}

/** What a published version says, in all five locales. */
export interface ChecklistContent {
	title: Localized;
	summary: Localized;
	items: ChecklistItemContent[];
}

/** A document checklist: one situation, identified by its slug in the URL. */
export const checklists = pgTable(
	'checklists',
	{
		id: serial('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		situation: text('situation').$type<Situation>().notNull(),
		/** The booking service (action) this checklist prepares for, if any. */
		serviceSlug: text('service_slug')
	},
	(t) => [
		check(
			'checklists_situation',
			sql`${t.situation} in ('work', 'study', 'family', 'permanent', 'extend', 'change', 'appointment')`
		)
	]
);

/**
 * Versions of a checklist's text. The one in force on a date is the published version with the
 * greatest `effective_from` on or before that date (Europe/Prague calendar date).
 */
export const checklistVersions = pgTable(
	'checklist_versions',
	{
		id: serial('id').primaryKey(),
		checklistId: integer('checklist_id')
			.notNull()
			.references(() => checklists.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		effectiveFrom: date('effective_from').notNull(),
		lastReviewed: date('last_reviewed').notNull(),
		sourceTitle: text('source_title').notNull(),
		sourceUrl: text('source_url').notNull(),
		content: jsonb('content').$type<ChecklistContent>().notNull(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		/** The content editor who published it; null for versions from the source files. */
		publishedBy: uuid('published_by').references(() => staffUsers.id)
	},
	(t) => [
		unique('checklist_versions_checklist_version').on(t.checklistId, t.version),
		index('checklist_versions_in_force').on(t.checklistId, t.effectiveFrom)
	]
);

/** PostgreSQL full-text document (available in PGlite too). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * What full-text search reads: per version, locale and item (item_key null = the checklist's own
 * title and summary), the text folded by `foldForSearch` (lower case, no diacritics) in the
 * `simple` configuration, which exists on every PostgreSQL and in PGlite — Czech, Ukrainian and
 * Vietnamese have no stock stemmer, and folding lets "zamestnanecka" find "zaměstnanecká".
 */
export const checklistSearch = pgTable(
	'checklist_search',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => checklistVersions.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		itemKey: text('item_key'),
		document: tsvector('document').notNull()
	},
	(t) => [
		index('checklist_search_document').using('gin', t.document),
		index('checklist_search_version').on(t.versionId, t.locale)
	]
);

/**
 * Searches people ran, with how many checklists they found: zero-result queries show which
 * content is missing. Free text, so it is scrubbed before it is stored (digits, e-mail
 * addresses and long tokens removed; `scrubQuery`) and kept by day only, with no address,
 * session or any link to a person.
 */
export const searchQueries = pgTable(
	'search_queries',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		day: date('day').notNull(),
		locale: text('locale').notNull(),
		query: text('query').notNull(),
		resultCount: integer('result_count').notNull()
	},
	(t) => [index('search_queries_day').on(t.day)]
);
