/** A text field of a submitted form, trimmed and cut to `max` characters ('' when absent). */
export function formText(form: FormData, name: string, max = 200): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The slug of an action, branch or checklist (safe in a URL and a query). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
