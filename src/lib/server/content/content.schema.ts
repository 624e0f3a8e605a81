import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	serial,
	text,
	timestamp,
	unique
} from 'drizzle-orm/pg-core';

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
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [
		unique('checklist_versions_checklist_version').on(t.checklistId, t.version),
		index('checklist_versions_in_force').on(t.checklistId, t.effectiveFrom)
	]
);
