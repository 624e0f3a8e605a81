// Editing checklists in the back office (issue "Document checklists", item 2): per locale, with a
// preview, published as a new version; history kept. Content editors only; every publication is
// audited. Structural changes (adding or removing items) still go through content/ files.
import type { Locale } from '../../paraglide/runtime';
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import {
	allChecklistSlugs,
	checklistHistory,
	insertChecklistVersion,
	type StoredVersion
} from './content.repository';
import type { ChecklistContent } from './content.schema';
import { pragueDate, toView, type ChecklistView } from './content.service';

const EDITOR = 'content_editor' as const;

export interface EditorListEntry {
	slug: string;
	title: string;
	inForce: number | null;
	scheduled: { version: number; effectiveFrom: string }[];
}

function inForceOf(history: StoredVersion[], today: string): StoredVersion | undefined {
	return history
		.filter((v) => v.publishedAt && v.effectiveFrom <= today)
		.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)[0];
}

export async function listForEditor(
	actor: Actor | null,
	locale: Locale,
	now: Date
): Promise<EditorListEntry[]> {
	requireRole(actor, EDITOR);
	const today = pragueDate(now);
	const entries: EditorListEntry[] = [];
	for (const slug of await allChecklistSlugs()) {
		const history = await checklistHistory(slug);
		const current = inForceOf(history, today);
		entries.push({
			slug,
			title: (current ?? history[0])!.content.title[locale],
			inForce: current?.version ?? null,
			scheduled: history
				.filter((v) => v.effectiveFrom > today)
				.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom }))
				.reverse()
		});
	}
	return entries;
}

/** The texts of one locale, as the edit form holds them. */
export interface LocaleTexts {
	title: string;
	summary: string;
	items: {
		key: string;
		title: string;
		why: string;
		condition: string | null;
		link: string | null;
	}[];
}

export interface EditorView {
	slug: string;
	/** The newest version: edits start from it. */
	base: { version: number; effectiveFrom: string; lastReviewed: string };
	texts: LocaleTexts;
	inForce: number | null;
	history: {
		version: number;
		effectiveFrom: string;
		publishedAt: Date | null;
		publishedBy: string | null;
	}[];
}

function textsOf(content: ChecklistContent, locale: Locale): LocaleTexts {
	return {
		title: content.title[locale],
		summary: content.summary[locale],
		items: content.items.map((item) => ({
			key: item.key,
			title: item.title[locale],
			why: item.why[locale],
			condition: item.condition?.[locale] ?? null,
			link: item.link?.label[locale] ?? null
		}))
	};
}

export async function editorView(
	actor: Actor | null,
	slug: string,
	locale: Locale,
	now: Date
): Promise<EditorView | null> {
	requireRole(actor, EDITOR);
	const history = await checklistHistory(slug);
	const newest = history[0];
	if (!newest) return null;
	return {
		slug,
		base: {
			version: newest.version,
			effectiveFrom: newest.effectiveFrom,
			lastReviewed: newest.lastReviewed
		},
		texts: textsOf(newest.content, locale),
		inForce: inForceOf(history, pragueDate(now))?.version ?? null,
		history: history.map((v) => ({
			version: v.version,
			effectiveFrom: v.effectiveFrom,
			publishedAt: v.publishedAt,
			publishedBy: v.publishedByName
		}))
	};
}

/** The newest version's content with one locale's texts replaced by the edit. */
function applyEdit(content: ChecklistContent, locale: Locale, edit: LocaleTexts): ChecklistContent {
	const next = structuredClone(content);
	next.title[locale] = edit.title;
	next.summary[locale] = edit.summary;
	for (const item of next.items) {
		const edited = edit.items.find((i) => i.key === item.key);
		if (!edited) continue;
		item.title[locale] = edited.title;
		item.why[locale] = edited.why;
		if (item.condition && edited.condition) item.condition[locale] = edited.condition;
		if (item.link && edited.link) item.link.label[locale] = edited.link;
	}
	return next;
}

export interface EditRequest {
	slug: string;
	/** The version the editor started from; publishing fails if a newer one appeared since. */
	baseVersion: number;
	locale: Locale;
	texts: LocaleTexts;
	/** `YYYY-MM-DD`, today or later (Prague). */
	effectiveFrom: string;
	lastReviewed: string;
}

export type PublishResult =
	| { kind: 'published'; version: number; effectiveFrom: string }
	| { kind: 'conflict' }
	| { kind: 'not_found' };

async function baseOf(request: EditRequest): Promise<StoredVersion | null | 'conflict'> {
	const [newest] = await checklistHistory(request.slug);
	if (!newest) return null;
	return newest.version === request.baseVersion ? newest : 'conflict';
}

/** What the public would see, in the edited locale, without storing anything. */
export async function previewEdit(
	actor: Actor | null,
	request: EditRequest
): Promise<ChecklistView | null> {
	requireRole(actor, EDITOR);
	const base = await baseOf(request);
	if (!base || base === 'conflict') return null;
	return toView(
		{
			...base,
			effectiveFrom: request.effectiveFrom,
			lastReviewed: request.lastReviewed,
			content: applyEdit(base.content, request.locale, request.texts)
		},
		request.locale
	);
}

/**
 * Publishes the edit as version base + 1. Two editors publishing from the same base: the unique
 * (checklist, version) constraint lets exactly one win; the other is told to reload.
 */
export async function publishEdit(
	actor: Actor | null,
	request: EditRequest,
	now: Date
): Promise<PublishResult> {
	const editor = requireRole(actor, EDITOR);
	const base = await baseOf(request);
	if (!base) return { kind: 'not_found' };
	if (base === 'conflict') return { kind: 'conflict' };
	const version = base.version + 1;
	const stored = await insertChecklistVersion({
		slug: base.slug,
		situation: base.situation,
		serviceSlug: base.serviceSlug,
		version,
		effectiveFrom: request.effectiveFrom,
		lastReviewed: request.lastReviewed,
		sourceTitle: base.sourceTitle,
		sourceUrl: base.sourceUrl,
		content: applyEdit(base.content, request.locale, request.texts),
		publishedAt: now,
		publishedBy: editor.userId
	});
	if (!stored) return { kind: 'conflict' };
	await audit(
		editor,
		{
			action: 'checklist.publish',
			subjectType: 'checklist',
			subjectId: `${base.slug}@${version}`,
			reason: '/editor/checklists/[slug]'
		},
		now
	);
	return { kind: 'published', version, effectiveFrom: request.effectiveFrom };
}
