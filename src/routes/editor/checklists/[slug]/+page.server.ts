import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { now } from '$lib/server/clock';
import {
	editorView,
	previewEdit,
	publishEdit,
	type EditRequest,
	type LocaleTexts
} from '$lib/server/content/content-editor.service';
import { pragueDate } from '$lib/server/content/content.service';
import * as v from 'valibot';
import { parseForm, readForm, text as textField, wholeNumber } from '$lib/server/http/form';
import { asStaff } from '$lib/server/http/staff-session';
import { isLocale, type Locale } from '$lib/paraglide/runtime';
import { staffText } from '$lib/staff-text';

const MAX_TEXT = 2000;

function textsLocale(url: URL): Locale {
	const chosen = url.searchParams.get('texts') ?? 'cs';
	return isLocale(chosen) ? chosen : 'cs';
}

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const locale = textsLocale(event.url);
		const view = await editorView(actor, event.params.slug, locale, now());
		if (!view) error(404, 'Not found');
		return { view, textsLocale: locale, today: pragueDate(now()) };
	});

interface FieldError {
	field: string;
	message: string;
}

/** Reads and checks the edit form: every text present and not too long, dates sensible. */
async function parseEdit(
	event: RequestEvent,
	current: LocaleTexts
): Promise<{ request: EditRequest; errors: FieldError[]; values: Record<string, string> }> {
	const text = staffText(event.locals.locale);
	const names = [
		'title',
		'summary',
		...current.items.flatMap((item) =>
			['title', 'why', 'condition', 'link'].map((part) => `item-${item.key}-${part}`)
		)
	];
	const read = parseForm(
		v.object({
			...Object.fromEntries(
				names.map((name) => [name, textField(MAX_TEXT + 1, { multiline: true })])
			),
			effectiveFrom: textField(10),
			baseVersion: wholeNumber('version', { min: 0 })
		}),
		await readForm(event)
	);
	const values = read.values as Record<string, string>;
	const refused = new Set(read.ok ? [] : read.errors.map((e) => e.field));
	const errors: FieldError[] = [];
	const field = (name: string, required = true): string => {
		const value = values[name] ?? '';
		if (refused.has(name)) errors.push({ field: name, message: text.formControl });
		else if (required && !value) errors.push({ field: name, message: text.editorTextMissing });
		else if (value.length > MAX_TEXT) errors.push({ field: name, message: text.editorTextTooLong });
		return value.slice(0, MAX_TEXT);
	};
	const texts: LocaleTexts = {
		title: field('title'),
		summary: field('summary'),
		items: current.items.map((item) => ({
			key: item.key,
			title: field(`item-${item.key}-title`),
			why: field(`item-${item.key}-why`),
			condition: item.condition === null ? null : field(`item-${item.key}-condition`),
			link: item.link === null ? null : field(`item-${item.key}-link`)
		}))
	};
	const today = pragueDate(now());
	const effectiveFrom = values.effectiveFrom ?? '';
	if (
		!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) ||
		Number.isNaN(Date.parse(effectiveFrom)) ||
		effectiveFrom < today
	) {
		errors.push({ field: 'effectiveFrom', message: text.editorDateInvalid });
	}
	// A version the form did not come with finds no match: the edit is refused as a conflict.
	const baseVersion = read.ok ? read.data.baseVersion : -1;
	return {
		request: {
			slug: event.params.slug,
			baseVersion,
			locale: textsLocale(event.url),
			texts,
			effectiveFrom,
			lastReviewed: today
		},
		errors,
		values
	};
}

async function edit(event: RequestEvent, publish: boolean) {
	return asStaff(event, async (actor) => {
		const locale = textsLocale(event.url);
		const view = await editorView(actor, event.params.slug, locale, now());
		if (!view) error(404, 'Not found');
		const { request, errors, values } = await parseEdit(event, view.texts);
		if (errors.length > 0) return fail(400, { errors, values });
		if (!publish) {
			const preview = await previewEdit(actor, request);
			if (!preview) return fail(409, { errors: [], values, conflict: true });
			return { preview, values };
		}
		const result = await publishEdit(actor, request, now());
		if (result.kind === 'not_found') error(404, 'Not found');
		if (result.kind === 'conflict') return fail(409, { errors: [], values, conflict: true });
		return { published: { version: result.version, effectiveFrom: result.effectiveFrom } };
	});
}

export const actions: Actions = {
	preview: (event) => edit(event, false),
	publish: (event) => edit(event, true)
};
