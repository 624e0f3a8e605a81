// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/paraglide/runtime';
import type { ValidSession } from '$lib/server/accounts/sessions.service';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Shown to the person so the hotline can find the log line; not secret. */
			errorId?: string;
		}
		interface Locals {
			locale: Locale;
			requestId: string;
			/** The staff session on back-office paths (complete or awaiting its second factor). */
			staff: ValidSession | null;
			/** Set by handleError when the database was overloaded (booking-admission.ts). */
			overloaded?: boolean;
			/** The body of a form post, read once by the guard at the edge (http/form-guard.ts). */
			form?: FormData;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
