import { m } from '$lib/paraglide/messages';
import type { EventKind } from '$lib/server/proceedings/proceeding-number';
import type { ProceedingNumberError } from '$lib/server/proceedings/proceeding-number';
import type { BirthDateError } from '$lib/server/proceedings/lookup-form';
import type { Stage } from '$lib/server/proceedings/proceeding-status';

const EXAMPLE = 'OAM-51727-4/DP-2025';

export function numberErrorMessage(code: ProceedingNumberError, detail?: string): string {
	switch (code) {
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

export function birthDateErrorMessage(code: BirthDateError): string {
	switch (code) {
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

export function stageTexts(stage: Stage): { title: string; meaning: string; next: string } {
	switch (stage) {
		case 'processing':
			return {
				title: m.stage_processing_title(),
				meaning: m.stage_processing_meaning(),
				next: m.stage_processing_next()
			};
		case 'suspended':
			return {
				title: m.stage_suspended_title(),
				meaning: m.stage_suspended_meaning(),
				next: m.stage_suspended_next()
			};
		case 'preliminary_positive':
			return {
				title: m.stage_preliminary_title(),
				meaning: m.stage_preliminary_meaning(),
				next: m.stage_preliminary_next()
			};
		case 'approved':
			return {
				title: m.stage_approved_title(),
				meaning: m.stage_approved_meaning(),
				next: m.stage_approved_next()
			};
		case 'card_ready':
			return {
				title: m.stage_card_ready_title(),
				meaning: m.stage_card_ready_meaning(),
				next: m.stage_card_ready_next()
			};
		case 'card_collected':
			return {
				title: m.stage_card_collected_title(),
				meaning: m.stage_card_collected_meaning(),
				next: m.stage_card_collected_next()
			};
		case 'rejected':
			return {
				title: m.stage_rejected_title(),
				meaning: m.stage_rejected_meaning(),
				next: m.stage_rejected_next()
			};
		case 'stopped':
			return {
				title: m.stage_stopped_title(),
				meaning: m.stage_stopped_meaning(),
				next: m.stage_stopped_next()
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
