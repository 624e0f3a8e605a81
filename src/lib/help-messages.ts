import { m } from '$lib/paraglide/messages';

/** The translated message for an error code of the hotline forms (routes/help). */
export function helpErrorMessage(code: string, minutes = 1): string {
	switch (code) {
		case 'consent':
			return m.help_error_consent();
		case 'control':
			return m.guard_control();
		case 'context_question':
			return m.help_error_question_long();
		case 'proceeding_not_found':
			return m.help_error_proceeding_not_found();
		case 'booking_not_found':
			return m.help_error_booking_not_found();
		case 'throttled':
			return m.help_error_throttled({ minutes });
		case 'no_free_code':
			return m.limits_no_free_code({ minutes });
		case 'phone_empty':
			return m.help_error_phone_empty();
		case 'phone_invalid':
			return m.help_error_phone_invalid();
		case 'window_past':
			return m.help_error_window_past();
		case 'window_too_far':
			return m.help_error_window_too_far();
		case 'window_invalid':
			return m.help_error_window_invalid();
		default:
			// Hidden fields a person cannot change (page, checklist, booking draft, language).
			return m.help_error_context();
	}
}
