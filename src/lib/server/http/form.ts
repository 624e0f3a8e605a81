// The one way a form is read and validated (docs/adr/0008): the body was read once by the guard
// in hooks.server.ts (http/form-guard.ts); a valibot schema made of the primitives below turns its
// fields into typed values, and `parseForm` turns valibot's issues into `{ field, code }` errors,
// which each page translates, and the person's input to show again.
import { error, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { hasControlCharacters, withoutControlCharacters } from '../security/control-characters';

export { hasControlCharacters };

/** The error code of a field holding control characters; every form translates it. */
export const CONTROL_CODE = 'control' as const;

/** Every field arrives as the list of its values (`FormData.getAll`); one-value fields take the first. */
type Raw = FormDataEntryValue[];
const first = (raw: unknown): string => {
	const value = Array.isArray(raw) ? raw[0] : raw;
	return typeof value === 'string' ? value : '';
};

/**
 * A text field: absent (or a file) is '', trimmed, cut to `max` characters like the field's
 * `maxlength`; control characters are refused with `CONTROL_CODE`.
 */
export function text(max = 200, { multiline = false }: { multiline?: boolean } = {}) {
	return v.pipe(
		v.unknown(),
		v.transform((raw) => first(raw).trim()),
		v.check((s) => !hasControlCharacters(s, multiline), CONTROL_CODE),
		v.transform((s) => s.slice(0, max))
	);
}

/** A repeated field (checkboxes): its string values, each a `text(max)`, at most `count` of them. */
export function many(max = 200, count = 100) {
	return v.pipe(
		v.unknown(),
		v.transform((raw) =>
			(Array.isArray(raw) ? raw : [])
				.filter((x): x is string => typeof x === 'string')
				.slice(0, count)
		),
		v.array(text(max))
	);
}

/**
 * A whole number between `min` and `max` (by default a positive id that fits PostgreSQL's
 * `integer`), written in plain digits: `1e300`, `99999999999999999999`, `-1` and `0x10` are
 * `code`, never a query that overflows.
 */
export function wholeNumber(code: string, { min = 1, max = 2_147_483_647 } = {}) {
	return v.pipe(
		text(20),
		v.regex(/^-?\d{1,15}$/, code),
		v.transform(Number),
		v.minValue(min, code),
		v.maxValue(max, code)
	);
}

/** One of a fixed list (compared as values, never looked up as a property): else `code`. */
export function oneOf<const T extends readonly string[]>(options: T, code: string) {
	return v.pipe(
		text(100),
		v.check((s) => (options as readonly string[]).includes(s), code),
		v.transform((s) => s as T[number])
	);
}

/** A field error: which field, and a code the page turns into a translated message. */
export interface FieldError<C extends string = string> {
	field: string;
	code: C;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormSchema = v.ObjectSchema<Record<string, v.GenericSchema<any, any>>, undefined>;

/** What the person typed, to put back into the form: text without control characters. */
export type FormValues<S extends FormSchema> = {
	[K in keyof S['entries']]: v.InferOutput<S['entries'][K]> extends readonly unknown[]
		? string[]
		: string;
};

export type FormResult<S extends FormSchema> =
	| { ok: true; data: v.InferOutput<S>; values: FormValues<S> }
	| { ok: false; errors: FieldError[]; values: FormValues<S> };

const stripped = (raw: Raw): Raw =>
	raw.map((x) => (typeof x === 'string' ? withoutControlCharacters(x) : x));

/** A field's value to show again: what its schema makes of it without control characters. */
function shownValue(entry: v.GenericSchema, raw: Raw): string | string[] {
	const clean = stripped(raw);
	const parsed = v.safeParse(entry, clean);
	if (parsed.success && (typeof parsed.output === 'string' || Array.isArray(parsed.output)))
		return parsed.output as string | string[];
	const strings = clean.filter((x): x is string => typeof x === 'string');
	return isMany(entry) ? strings.map((x) => x.trim()) : (strings[0] ?? '').trim().slice(0, 1000);
}

/**
 * Validates a form against a schema of the primitives above. Every field gets at most one error
 * (the first its rules found), in the schema's order, so the summary lists each field once.
 */
export function parseForm<S extends FormSchema>(schema: S, form: FormData): FormResult<S> {
	const input: Record<string, Raw> = {};
	for (const name of Object.keys(schema.entries)) input[name] = form.getAll(name);
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	const values = Object.fromEntries(
		Object.entries(schema.entries).map(([name, entry]) => [
			name,
			result.success && typeof result.output[name] === 'string'
				? result.output[name]
				: shownValue(entry, input[name]!)
		])
	) as FormValues<S>;
	if (result.success) return { ok: true, data: result.output, values };
	const errors: FieldError[] = [];
	for (const issue of result.issues) {
		const field = String(issue.path?.[0]?.key ?? '');
		if (!errors.some((e) => e.field === field)) errors.push({ field, code: issue.message });
	}
	return { ok: false, errors, values };
}

function isMany(entry: v.GenericSchema): boolean {
	const pipe = (entry as { pipe?: { type?: string }[] }).pipe;
	return entry.type === 'array' || !!pipe?.some((step) => step.type === 'array');
}

/**
 * The form of a POST, read once by the guard at the edge (`locals.form`); read here only where no
 * guard ran (a unit test). An unreadable body is a 400, never a 500.
 */
export async function readForm(event: Pick<RequestEvent, 'locals' | 'request'>): Promise<FormData> {
	if (event.locals.form) return event.locals.form;
	try {
		return await event.request.formData();
	} catch {
		error(400, 'Bad Request');
	}
}

/** Reads and validates the form of a POST in one step. */
export async function readFormWith<S extends FormSchema>(
	event: Pick<RequestEvent, 'locals' | 'request'>,
	schema: S
): Promise<FormResult<S>> {
	return parseForm(schema, await readForm(event));
}

const PROOF_FORM = v.object({ altcha: text(8000) });

/** The proof of work sent with a form (altcha's field), or null when there is none. */
export function proofOf(form: FormData): string | null {
	const read = parseForm(PROOF_FORM, form);
	return read.ok && read.data.altcha ? read.data.altcha : null;
}

/** The slug of an action, branch or checklist (safe in a URL and a query). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
