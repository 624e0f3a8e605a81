import { m } from '$lib/paraglide/messages';
import { birthDateErrorMessage } from '$lib/proceeding-messages';
import type { DetailsErrorCode } from '$lib/server/booking/details-form';

/** The translated message for a details-form error code. */
export function detailsErrorMessage(code: DetailsErrorCode): string {
	switch (code) {
		case 'name':
			return m.book_error_name();
		case 'nationality':
			return m.book_error_nationality();
		case 'document':
			return m.book_error_document();
		case 'email':
			return m.book_error_email();
		case 'phone':
			return m.book_error_phone();
		case 'proceeding':
			return m.book_error_proceeding();
		case 'age':
			return m.book_error_age();
		case 'control':
			return m.guard_control();
		default:
			return birthDateErrorMessage(code);
	}
}
