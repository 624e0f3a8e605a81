// Relative imports: the import CLI (tsx) reaches this through the alerts service.
import { m } from './paraglide/messages';
import type { Locale } from './paraglide/runtime';
import type { EventKind } from './server/proceedings/proceeding-number';
import type { ProceedingNumberError } from './server/proceedings/proceeding-number';
import type { BirthDateError } from './server/proceedings/lookup-form';
import type { Stage } from './server/proceedings/proceeding-status';

const EXAMPLE = 'OAM-51727-4/DP-2025';

export function numberErrorMessage(
	code: ProceedingNumberError | 'control',
	detail?: string
): string {
	switch (code) {
		case 'control':
			return m.guard_control();
		case 'empty':
			return m.number_error_empty({ example: EXAMPLE });
		case 'unknown_type':
			return m.number_error_unknown_type({ code: detail ?? '', example: EXAMPLE });
		case 'no_type':
			return m.number_error_no_type({ example: EXAMPLE });
		case 'no_year':
		case 'bad_year':
			return m.number_error_year({ example: EXAMPLE });
		case 'no_number':
			return m.number_error_no_number({ example: EXAMPLE });
		case 'number_too_long':
			return m.number_error_too_long({ example: EXAMPLE });
		default:
			return m.number_error_unreadable({ example: EXAMPLE });
	}
}

export function birthDateErrorMessage(code: BirthDateError | 'control'): string {
	switch (code) {
		case 'control':
			return m.guard_control();
		case 'birth_empty':
			return m.birth_error_empty();
		case 'birth_future':
			return m.birth_error_future();
		case 'birth_too_old':
			return m.birth_error_too_old();
		default:
			return m.birth_error_invalid();
	}
}

/** The stage in plain words, in the request's locale unless one is given (e-mails). */
export function stageTexts(
	stage: Stage,
	locale?: Locale
): { title: string; meaning: string; next: string } {
	const o = { locale };
	switch (stage) {
		case 'processing':
			return {
				title: m.stage_processing_title({}, o),
				meaning: m.stage_processing_meaning({}, o),
				next: m.stage_processing_next({}, o)
			};
		case 'suspended':
			return {
				title: m.stage_suspended_title({}, o),
				meaning: m.stage_suspended_meaning({}, o),
				next: m.stage_suspended_next({}, o)
			};
		case 'preliminary_positive':
			return {
				title: m.stage_preliminary_title({}, o),
				meaning: m.stage_preliminary_meaning({}, o),
				next: m.stage_preliminary_next({}, o)
			};
		case 'approved':
			return {
				title: m.stage_approved_title({}, o),
				meaning: m.stage_approved_meaning({}, o),
				next: m.stage_approved_next({}, o)
			};
		case 'card_ready':
			return {
				title: m.stage_card_ready_title({}, o),
				meaning: m.stage_card_ready_meaning({}, o),
				next: m.stage_card_ready_next({}, o)
			};
		case 'card_collected':
			return {
				title: m.stage_card_collected_title({}, o),
				meaning: m.stage_card_collected_meaning({}, o),
				next: m.stage_card_collected_next({}, o)
			};
		case 'rejected':
			return {
				title: m.stage_rejected_title({}, o),
				meaning: m.stage_rejected_meaning({}, o),
				next: m.stage_rejected_next({}, o)
			};
		case 'stopped':
			return {
				title: m.stage_stopped_title({}, o),
				meaning: m.stage_stopped_meaning({}, o),
				next: m.stage_stopped_next({}, o)
			};
	}
}

export function eventLabel(kind: EventKind): string {
	switch (kind) {
		case 'filed':
			return m.event_filed();
		case 'suspended':
			return m.event_suspended();
		case 'resumed':
			return m.event_resumed();
		case 'preliminary_positive':
			return m.event_preliminary_positive();
		case 'approved':
			return m.event_approved();
		case 'rejected':
			return m.event_rejected();
		case 'stopped':
			return m.event_stopped();
		case 'biometrics_taken':
			return m.event_biometrics_taken();
		case 'card_ready':
			return m.event_card_ready();
		case 'card_collected':
			return m.event_card_collected();
	}
}
