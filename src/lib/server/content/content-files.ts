// Reads the published checklists from `CONTENT_DIR/checklists/*.json`. Imported by database
// start-up, which the CLI runs with tsx: relative imports only, no `$lib`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { FORM_KINDS, LEGALISATIONS, SITUATIONS } from './content.schema';

const text = v.pipe(v.string(), v.trim(), v.nonEmpty());
const localized = v.strictObject({ cs: text, en: text, uk: text, ru: text, vi: text });
const isoDate = v.pipe(v.string(), v.isoDate());
const httpsUrl = v.pipe(v.string(), v.url(), v.startsWith('https://'));

const itemSchema = v.strictObject({
	key: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
	title: localized,
	why: localized,
	form: v.strictObject({
		kind: v.picklist(FORM_KINDS),
		translation: v.boolean(),
		legalisation: v.picklist(LEGALISATIONS),
		maxAgeDays: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1)))
	}),
	condition: v.nullable(localized),
	link: v.nullable(v.strictObject({ url: httpsUrl, label: localized })),
	/** Where this item was checked and when (issue 15: every corrected item names its source). */
	source: v.optional(v.strictObject({ title: text, url: httpsUrl, reviewed: isoDate }))
});

const checklistFileSchema = v.pipe(
	v.strictObject({
		slug: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
		situation: v.picklist(SITUATIONS),
		service: v.nullish(v.pipe(v.string(), v.nonEmpty())),
		version: v.pipe(v.number(), v.integer(), v.minValue(1)),
		effectiveFrom: isoDate,
		lastReviewed: isoDate,
		source: v.strictObject({ title: text, url: httpsUrl }),
		title: localized,
		summary: localized,
		items: v.pipe(v.array(itemSchema), v.minLength(1))
	}),
	v.check(
		(c) => new Set(c.items.map((i) => i.key)).size === c.items.length,
		'item keys must be unique'
	)
);

export type ChecklistFile = v.InferOutput<typeof checklistFileSchema>;

/** A content file that cannot be published; the message names the file and the field. */
export class ContentFileError extends Error {
	override name = 'ContentFileError';
}

export function parseChecklistFile(raw: unknown, file: string): ChecklistFile {
	const result = v.safeParse(checklistFileSchema, raw);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const path = v.getDotPath(issue) ?? '(root)';
	throw new ContentFileError(`content file ${file}: ${path}: ${issue.message}`);
}

/** Every checklist file under `contentDir/checklists`, validated, in file-name order. */
export async function readChecklistFiles(contentDir: string): Promise<ChecklistFile[]> {
	const dir = join(contentDir, 'checklists');
	const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
	const files: ChecklistFile[] = [];
	const seen = new Set<string>();
	for (const name of names) {
		const path = join(dir, name);
		let raw: unknown;
		try {
			raw = JSON.parse(await readFile(path, 'utf8'));
		} catch (error) {
			throw new ContentFileError(`content file ${path}: ${(error as Error).message}`);
		}
		const file = parseChecklistFile(raw, path);
		const id = `${file.slug}@${file.version}`;
		if (seen.has(id)) {
			throw new ContentFileError(`content file ${path}: ${id} is also in another file`);
		}
		seen.add(id);
		files.push(file);
	}
	return files;
}
