// The public "share with the hotline" form: what the person agreed to share, read from the POST
// body (never from a URL) into the service's ContextShare, and the raw values to show again.
import * as v from 'valibot';
import { isoDate } from '$lib/time/prague';
import { many, parseForm, text, type FieldError } from '../http/form';
import { parseProceedingNumber } from '../proceedings/proceeding-number';
import type { ContextShare } from './contexts.service';

export interface ShareValues {
	pagePath: string;
	topic: string;
	question: string;
	checklist: string;
	ticked: string[];
	proceeding: string;
	birthDate: string;
	booking: string;
	service: string;
	branch: string;
}

const SHARE_FORM = v.object({
	pagePath: text(200),
	topic: text(200),
	question: text(400, { multiline: true }),
	checklist: text(80),
	ticked: many(200, 100),
	proceeding: text(60),
	birthDate: text(10),
	booking: text(40),
	service: text(80),
	branch: text(80),
	consent: text(10)
});

/** Fields a person types; the others are hidden, and their problems are shown by the consent box. */
const VISIBLE = new Set(['question']);

/**
 * What the person agreed to share, and its problems: control characters are refused by the
 * field (`control`), a hidden field's by the consent box.
 */
export function readShareForm(form: FormData): {
	values: ShareValues;
	consent: boolean;
	errors: FieldError[];
} {
	const read = parseForm(SHARE_FORM, form);
	const { consent, ...rest } = read.ok ? read.data : read.values;
	const errors = read.ok
		? []
		: read.errors.map((e) => ({ field: VISIBLE.has(e.field) ? e.field : 'consent', code: e.code }));
	return {
		values: { ...rest, pagePath: rest.pagePath || '/help' },
		consent: consent === 'yes',
		errors: errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i)
	};
}

/** The service's input; a proceeding only with a readable number and date of birth. */
export function toShare(values: ShareValues, locale: string): ContextShare {
	const number = values.proceeding ? parseProceedingNumber(values.proceeding) : null;
	const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.birthDate);
	return {
		locale,
		pagePath: values.pagePath,
		topic: values.topic || null,
		question: values.question || null,
		proceeding:
			number?.ok && birth
				? {
						number: number.value,
						birthDate: isoDate(Number(birth[1]), Number(birth[2]), Number(birth[3]))
					}
				: null,
		checklist: values.checklist ? { slug: values.checklist, ticked: values.ticked } : null,
		bookingToken: values.booking || null,
		bookingDraft:
			values.service && values.branch
				? { serviceSlug: values.service, branchSlug: values.branch }
				: null
	};
}
