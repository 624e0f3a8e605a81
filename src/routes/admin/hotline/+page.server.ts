import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/accounts/access';
import { now } from '$lib/server/clock';
import {
	hoursField,
	lineHoursField,
	LINE_LANGUAGES,
	MAX_LINES,
	NO_HOURS,
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
import { hotlineStatusFor } from '$lib/server/escalation/hotline.service';
import * as v from 'valibot';
import { many, parseForm, readForm, text, wholeNumber } from '$lib/server/http/form';
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
			status: hotlineStatusFor(view, event.locals.locale, now()),
			languages: [...LINE_LANGUAGES],
			weekdays: [...WEEKDAYS],
			noHours: NO_HOURS
		};
	});

const COUNT_FORM = v.object({ lineCount: wholeNumber('count', { min: 0, max: 999 }) });

/**
 * The form as typed: `lineCount` rows of number, language boxes, a remove box and the line's own
 * hours (a text per day); the hotline's hours, a text per day.
 */
function readSettingsForm(form: FormData): {
	values: HotlineSettingsInput;
	refused: string[];
} {
	const counted = parseForm(COUNT_FORM, form);
	const count = counted.ok ? Math.min(counted.data.lineCount, MAX_LINES + 1) : 0;
	const rows = Array.from({ length: count }, (_, i) => i);
	const schema = v.object({
		...Object.fromEntries(
			rows.flatMap((i) => [
				[`line-${i}-id`, text(40)],
				[numberField(i), text(40)],
				[`line-${i}-lang`, many(10, LINE_LANGUAGES.length)],
				[`line-${i}-remove`, text(10)],
				...WEEKDAYS.map((day) => [lineHoursField(i, day), text(100)])
			])
		),
		...Object.fromEntries(WEEKDAYS.map((day) => [hoursField(day), text(100)]))
	});
	const read = parseForm(schema, form);
	const f = (read.ok ? read.data : read.values) as Record<string, string | string[]>;
	const one = (name: string) => String(f[name] ?? '');
	return {
		values: {
			lines: rows.map((i) => ({
				id: one(`line-${i}-id`),
				number: one(numberField(i)),
				languages: [f[`line-${i}-lang`] ?? []].flat(),
				remove: form.has(`line-${i}-remove`),
				hours: Object.fromEntries(
					WEEKDAYS.map((day) => [day, one(lineHoursField(i, day))])
				) as Record<Weekday, string>
			})),
			hours: Object.fromEntries(WEEKDAYS.map((day) => [day, one(hoursField(day))])) as Record<
				Weekday,
				string
			>
		},
		refused: read.ok ? [] : read.errors.map((e) => e.field)
	};
}

function submit(event: RequestEvent, save: boolean) {
	return asStaff(event, async (actor) => {
		// Refuse a wrong role before reading the form: it learns nothing about what is valid.
		requireRole(actor, 'admin');
		const text = staffText(event.locals.locale);
		const { values, refused } = readSettingsForm(await readForm(event));
		if (refused.length > 0) {
			const errors = refused.map((field) => ({ field, message: text.formControl }));
			return fail(400, { values, errors });
		}
		const result = validateHotlineSettings(values);
		if (!result.ok) {
			const errors = result.errors.map((e) => ({
				field: e.field,
				message: text.hotlineError[e.code]
			}));
			return fail(400, { values, errors });
		}
		if (!save) {
			return {
				values,
				preview: hotlineStatusFor(result.config, event.locals.locale, now())
			};
		}
		const { version } = await saveHotlineSettings(actor, result.config, now());
		return { savedVersion: version };
	});
}

export const actions: Actions = {
	save: (event) => submit(event, true),
	preview: (event) => submit(event, false)
};
