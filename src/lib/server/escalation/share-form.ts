// The public "share with the hotline" form: what the person agreed to share, read from the POST
// body (never from a URL) into the service's ContextShare, and the raw values to show again.
import { isoDate } from '$lib/time/prague';
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

const field = (form: FormData, name: string, max: number) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim().slice(0, max) : '';
};

export function shareValues(form: FormData): ShareValues {
	return {
		pagePath: field(form, 'pagePath', 200) || '/help',
		topic: field(form, 'topic', 200),
		question: field(form, 'question', 400),
		checklist: field(form, 'checklist', 80),
		ticked: form
			.getAll('ticked')
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 100),
		proceeding: field(form, 'proceeding', 60),
		birthDate: field(form, 'birthDate', 10),
		booking: field(form, 'booking', 40),
		service: field(form, 'service', 80),
		branch: field(form, 'branch', 80)
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
