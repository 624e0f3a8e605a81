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
import { formText } from '$lib/server/http/form';
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
	const form = await event.request.formData();
	const values: Record<string, string> = {};
	const errors: FieldError[] = [];
	const field = (name: string, required = true): string => {
		const raw = form.get(name);
		const value = typeof raw === 'string' ? raw.trim() : '';
		values[name] = value.slice(0, MAX_TEXT + 1);
		if (required && !value) errors.push({ field: name, message: text.editorTextMissing });
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
	const effectiveFrom = formText(form, 'effectiveFrom', 10);
	values.effectiveFrom = effectiveFrom;
	if (
		!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) ||
		Number.isNaN(Date.parse(effectiveFrom)) ||
		effectiveFrom < today
	) {
		errors.push({ field: 'effectiveFrom', message: text.editorDateInvalid });
	}
	const baseVersion = Number(formText(form, 'baseVersion', 10));
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
