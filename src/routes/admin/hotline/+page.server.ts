import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import {
	hoursField,
	LINE_LANGUAGES,
	MAX_LINES,
	numberField,
	settingsInput,
	validateHotlineSettings,
	WEEKDAYS,
	type HotlineSettingsInput,
	type Weekday
} from '$lib/server/escalation/hotline-settings';
import {
	hotlineSettingsView,
	saveHotlineSettings
} from '$lib/server/escalation/hotline-settings.service';
import { hotlineStatus } from '$lib/server/escalation/hotline.service';
import { formText } from '$lib/server/http/form';
import { asStaff } from '$lib/server/http/staff-session';
import { PRAGUE } from '$lib/time/prague';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const view = await hotlineSettingsView(actor);
		const when = new Intl.DateTimeFormat(event.locals.locale, {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: PRAGUE
		});
		return {
			input: settingsInput(view),
			saved:
				view.version !== null && view.savedAt && view.savedByName
					? { version: view.version, by: view.savedByName, at: when.format(view.savedAt) }
					: null,
			status: hotlineStatus(view.hours, event.locals.locale, now()),
			languages: [...LINE_LANGUAGES],
			weekdays: [...WEEKDAYS]
		};
	});

/** The form as typed: `lineCount` rows of number, language boxes and a remove box; a text per day. */
function readForm(form: FormData): HotlineSettingsInput {
	const count = Math.min(Math.max(Number(formText(form, 'lineCount', 3)) || 0, 0), MAX_LINES + 1);
	return {
		lines: Array.from({ length: count }, (_, i) => ({
			id: formText(form, `line-${i}-id`, 40),
			number: formText(form, numberField(i), 40),
			languages: form
				.getAll(`line-${i}-lang`)
				.filter((l): l is string => typeof l === 'string')
				.slice(0, LINE_LANGUAGES.length),
			remove: form.get(`line-${i}-remove`) !== null
		})),
		hours: Object.fromEntries(
			WEEKDAYS.map((day) => [day, formText(form, hoursField(day), 100)])
		) as Record<Weekday, string>
	};
}

function submit(event: RequestEvent, save: boolean) {
	return asStaff(event, async (actor) => {
		// Refuse a wrong role before reading the form: it learns nothing about what is valid.
		requireRole(actor, 'admin');
		const text = staffText(event.locals.locale);
		const values = readForm(await event.request.formData());
		const result = validateHotlineSettings(values);
		if (!result.ok) {
			const errors = result.errors.map((e) => ({
				field: e.field,
				message: text.hotlineError[e.code]
			}));
			return fail(400, { values, errors });
		}
		if (!save) {
			return { values, preview: hotlineStatus(result.config.hours, event.locals.locale, now()) };
		}
		const { version } = await saveHotlineSettings(actor, result.config, now());
		return { savedVersion: version };
	});
}

export const actions: Actions = {
	save: (event) => submit(event, true),
	preview: (event) => submit(event, false)
};
