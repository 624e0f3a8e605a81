import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { checklistContext } from '$lib/server/content/content.service';
import { bookingByToken } from '$lib/server/booking/bookings.service';
import { now } from '$lib/server/clock';
import { requestCallback } from '$lib/server/escalation/callbacks.service';
import { createContext, type ContextField } from '$lib/server/escalation/contexts.service';
import { describeHotline } from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import * as v from 'valibot';
import { readShareForm, toShare, type ShareValues } from '$lib/server/escalation/share-form';
import { parseForm, readForm, SLUG_PATTERN, text } from '$lib/server/http/form';
import {
	CALLBACK_COOKIE,
	CONTEXT_COOKIE,
	setPrivateCookie
} from '$lib/server/http/private-cookies';
import { requesterOf } from '$lib/server/http/requester';
import {
	formatProceedingNumber,
	parseProceedingNumber
} from '$lib/server/proceedings/proceeding-number';
import type { Locale } from '$lib/paraglide/runtime';

const query = (url: URL, name: string, pattern: RegExp) => {
	const value = url.searchParams.get(name) ?? '';
	return pattern.test(value) ? value : '';
};

/** What the page shows the person they are about to share, in their language. */
async function summaryOf(values: ShareValues, locale: Locale) {
	const at = now();
	const checklist = values.checklist
		? await checklistContext(values.checklist, values.ticked, locale, at)
		: null;
	const booking = values.booking ? await bookingByToken(values.booking) : null;
	const number = values.proceeding ? parseProceedingNumber(values.proceeding) : null;
	return {
		checklist: checklist && {
			title: checklist.title,
			total: checklist.total,
			unticked: checklist.unticked
		},
		booking:
			booking && !booking.cancelledAt
				? { reference: booking.reference, startsAt: booking.startsAt }
				: null,
		proceeding: number?.ok ? formatProceedingNumber(number.value) : null
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	// Only what is not personal comes in the URL: the page, its topic, a checklist, an action.
	const values: ShareValues = {
		pagePath: query(url, 'from', /^\/[A-Za-z0-9/_-]{0,199}$/) || '/help',
		topic: (url.searchParams.get('topic') ?? '').slice(0, 120),
		question: '',
		checklist: query(url, 'checklist', SLUG_PATTERN),
		ticked: [],
		proceeding: '',
		birthDate: '',
		booking: '',
		service: query(url, 'service', SLUG_PATTERN),
		branch: query(url, 'branch', SLUG_PATTERN)
	};
	return {
		hotline: describeHotline(await currentHotline(), locals.locale, now()),
		values,
		summary: await summaryOf(values, locals.locale)
	};
};

type FieldError = { field: string; code: string };

const CALLBACK_FORM = v.object({
	phone: text(40),
	locale: text(5),
	date: text(10),
	from: text(5),
	to: text(5)
});
const callbackField = (name: string) =>
	name === 'phone' ? 'phone' : name === 'locale' ? 'callback-locale' : 'date';

function contextErrors(fields: ContextField[]): FieldError[] {
	return fields.map((f) => ({
		field: f === 'question' ? 'question' : 'consent',
		code: `context_${f}`
	}));
}

async function failWith(
	status: number,
	values: ShareValues,
	errors: FieldError[],
	locale: Locale,
	extra = {}
) {
	return fail(status, { values, errors, summary: await summaryOf(values, locale), ...extra });
}

/** 429 when this address (or phone number) asked too often; 503 when every code is taken. */
function refused(
	event: RequestEvent,
	values: ShareValues,
	result: { kind: 'throttled' | 'no_free_code'; retryAfterSeconds: number },
	locale: Locale,
	field: 'consent' | 'phone',
	extra = {}
) {
	event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
	const status = result.kind === 'throttled' ? 429 : 503;
	return failWith(status, values, [{ field, code: result.kind }], locale, {
		...extra,
		minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60))
	});
}

export const actions: Actions = {
	// From a page holding personal data (a status result, a booking): its number or token comes
	// in this POST body and goes back into the form's hidden fields, never into a URL.
	prepare: async (event) => {
		const { values, errors } = readShareForm(await readForm(event));
		const summary = await summaryOf(values, event.locals.locale);
		if (errors.length > 0) return fail(400, { values, errors, summary });
		return { values, errors: [] as FieldError[], summary };
	},

	share: async (event) => {
		const { locals, cookies } = event;
		const { values, consent, errors } = readShareForm(await readForm(event));
		const locale = locals.locale;
		if (errors.length > 0) return failWith(400, values, errors, locale);
		if (!consent) return failWith(400, values, [{ field: 'consent', code: 'consent' }], locale);
		const at = now();
		const result = await createContext(toShare(values, locale), requesterOf(event), at);
		if (result.kind === 'invalid')
			return failWith(400, values, contextErrors(result.fields), locale);
		if (result.kind === 'proceeding_not_found')
			return failWith(400, values, [{ field: 'consent', code: 'proceeding_not_found' }], locale);
		if (result.kind === 'booking_not_found')
			return failWith(400, values, [{ field: 'consent', code: 'booking_not_found' }], locale);
		if (result.kind === 'throttled' || result.kind === 'no_free_code')
			return refused(event, values, result, locale, 'consent');
		setPrivateCookie(
			cookies,
			CONTEXT_COOKIE,
			`${result.code}.${result.token}`,
			result.expiresAt,
			at
		);
		redirect(303, localizeHref('/help/shared', { locale }));
	},

	callback: async (event) => {
		const { locals, cookies } = event;
		const form = await readForm(event);
		const share = readShareForm(form);
		const values = share.values;
		const locale = locals.locale;
		const read = parseForm(CALLBACK_FORM, form);
		const callback = { ...read.values, locale: read.values.locale || locale };
		const invalid = [
			...(read.ok ? [] : read.errors.map((e) => ({ ...e, field: callbackField(e.field) }))),
			...(share.consent ? share.errors : [])
		];
		if (invalid.length > 0) return failWith(400, values, invalid, locale, { callback });
		const at = now();
		const result = await requestCallback(
			{
				phone: callback.phone,
				locale: callback.locale,
				window: callback.date
					? { kind: 'window', date: callback.date, from: callback.from, to: callback.to }
					: { kind: 'any' },
				context: share.consent ? toShare(values, locale) : null
			},
			requesterOf(event),
			at
		);
		const again = (errors: FieldError[], status = 400) =>
			failWith(status, values, errors, locale, { callback });
		if (result.kind === 'invalid')
			return again([
				...result.errors.map((code) => ({
					field: code.startsWith('phone')
						? 'phone'
						: code === 'locale'
							? 'callback-locale'
							: 'date',
					code
				})),
				...contextErrors(result.contextFields)
			]);
		if (result.kind === 'proceeding_not_found' || result.kind === 'booking_not_found')
			return again([{ field: 'consent', code: result.kind }]);
		if (result.kind === 'throttled' || result.kind === 'no_free_code')
			return refused(event, values, result, locale, 'phone', { callback });
		setPrivateCookie(
			cookies,
			CALLBACK_COOKIE,
			result.token,
			new Date(at.getTime() + 14 * 86_400_000),
			at
		);
		if (result.context)
			setPrivateCookie(
				cookies,
				CONTEXT_COOKIE,
				`${result.context.code}.${result.context.token}`,
				result.context.expiresAt,
				at
			);
		redirect(303, localizeHref('/help/callback-requested', { locale }));
	}
};
