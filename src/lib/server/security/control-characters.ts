// Characters no field of a form or of the import feed accepts (issue 12): C0 and C1 controls, DEL
// and the Unicode line and paragraph separators. NUL is refused by PostgreSQL (22021 in text,
// 22P05 in jsonb); the others do not belong in a name, an e-mail, a number or an id, and some
// break HTTP headers. Multi-line text keeps tab, line feed and carriage return.

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ALL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;

/** True when `text` has a control character (tab and line breaks allowed only if multi-line). */
export function hasControlCharacters(text: string, multiline = false): boolean {
	return (multiline ? IN_TEXT : IN_LINE).test(text);
}

/** `text` without the control characters multi-line text refuses (to show input again). */
export function withoutControlCharacters(text: string): string {
	return text.replace(ALL_IN_TEXT, '');
}
