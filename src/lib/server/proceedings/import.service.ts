import { createHash, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { notifyStatusChanges } from '../alerts/alerts.service';
import { driverError } from '../db/errors';
import { log } from '../log';
import { isoDate, toPrague } from '../../time/prague';
import { registryEventStore } from './import.repository';
import { PURPOSES } from './legal-deadlines';
import { EVENT_KINDS, parseProceedingNumber, type ProceedingNumber } from './proceeding-number';
import {
	identityKey,
	type AppliedEvents,
	type ApplyResult,
	type BatchRejection,
	type ImportReport,
	type LineError,
	type LineErrorCode,
	type ProceedingFacts,
	type RegistryEvent,
	type RegistryEventStore
} from './registry';

export const MAX_BATCH_LINES = 10_000;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
/** The registry's clock may run a little ahead of ours; more than this is a wrong date. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * The database refused a valid batch (a deadlock, a lost connection). Carries only the driver's
 * code: drizzle's own error quotes every bound parameter, birth dates and numbers included.
 */
export class ImportFailedError extends Error {
	override name = 'ImportFailedError';
	constructor(readonly code: string) {
		super(`the batch could not be stored (${code})`);
	}
}

export type ImportResult =
	| { status: 'applied'; report: ImportReport; changes: AppliedEvents }
	| { status: 'invalid'; report: ImportReport }
	| { status: 'rejected'; error: BatchRejection };

/** `Authorization: Bearer <key>`, compared in constant time (digests hide the key's length too). */
export function isFeedAuthorized(authorization: string | null, key: string): boolean {
	const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1] ?? '';
	const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
	return timingSafeEqual(digest(presented), digest(key)) && presented !== '';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** RFC 3339: ISO 8601 with seconds optional and an offset required (a bare local time is ambiguous). */
const INSTANT =
	/^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Rejects what `Date` would silently roll over, such as 31 February. */
function isRealDate(year: number, month: number, day: number): boolean {
	const d = new Date(Date.UTC(year, month - 1, day));
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function isCalendarDate(text: string): boolean {
	const m = DATE.exec(text);
	return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Valibot reports a missing key on the object, not with the key's own message. */
const MISSING: Record<string, LineErrorCode> = {
	id: 'id_missing',
	proceeding: 'proceeding_missing',
	kind: 'kind_missing',
	occurredAt: 'occurred_at_missing'
};

function codeOf(issue: v.BaseIssue<unknown>): LineErrorCode {
	const key = issue.path?.[0]?.key;
	if (issue.type === 'object' && typeof key === 'string' && MISSING[key]) return MISSING[key];
	return issue.message as LineErrorCode;
}

function lineSchema(now: Date) {
	const today = toPrague(now);
	const todayIso = isoDate(today.year, today.month, today.day);
	const latest = now.getTime() + MAX_FUTURE_MS;
	const optional = <T extends v.GenericSchema>(schema: T) => v.nullish(schema, null);

	return v.object({
		id: v.pipe(
			v.string('id_invalid'),
			v.minLength(1, 'id_invalid'),
			v.maxLength(100, 'id_invalid')
		),
		proceeding: v.pipe(
			v.string('proceeding_invalid'),
			v.rawTransform(({ dataset, addIssue, NEVER }): ProceedingNumber => {
				const parsed = parseProceedingNumber(dataset.value, today.year);
				if (parsed.ok) return parsed.value;
				addIssue({ message: `proceeding_${parsed.error}` });
				return NEVER;
			})
		),
		kind: v.picklist(EVENT_KINDS, 'kind_unknown'),
		occurredAt: v.pipe(
			v.string('occurred_at_invalid'),
			v.regex(INSTANT, 'occurred_at_invalid'),
			v.check((s) => isCalendarDate(s.slice(0, 10)), 'occurred_at_invalid'),
			v.transform((s) => new Date(s)),
			v.check((d) => !Number.isNaN(d.getTime()), 'occurred_at_invalid'),
			v.check((d) => d.getTime() <= latest, 'occurred_at_future')
		),
		birthDate: optional(
			v.pipe(
				v.string('birth_date_invalid'),
				v.check(isCalendarDate, 'birth_date_invalid'),
				v.check((s) => s >= '1900-01-01', 'birth_date_invalid'),
				v.check((s) => s <= todayIso, 'birth_date_future')
			)
		),
		complex: optional(v.boolean('complex_invalid')),
		details: optional(
			v.pipe(
				v.custom<object>((d) => typeof d === 'object' && !Array.isArray(d), 'details_invalid'),
				v.record(
					v.pipe(v.string('details_invalid'), v.maxLength(50, 'details_invalid')),
					v.pipe(v.string('details_invalid'), v.maxLength(500, 'details_invalid')),
					'details_invalid'
				),
				v.check((d) => Object.keys(d).length <= 20, 'details_invalid'),
				// On a suspension the documents deadline; on other events the office's own decision
				// deadline, which wins over the legal table (proceeding-status.ts).
				v.check(
					(d) => d.deadline === undefined || isCalendarDate(d.deadline),
					'details_deadline_invalid'
				),
				// Which limit of § 169t applies to a type code with several purposes (legal-deadlines.ts).
				v.check(
					(d) => d.purpose === undefined || (PURPOSES as readonly string[]).includes(d.purpose),
					'details_purpose_invalid'
				)
			)
		)
	});
}

interface ParsedLine {
	line: number;
	event: RegistryEvent;
}

export type ParsedBatch =
	| { ok: true; received: number; lines: ParsedLine[]; errors: LineError[] }
	| { ok: false; error: BatchRejection };

/** Reads and validates every line: one JSON object per line, blank lines ignored. */
export function parseBatch(text: string, now: Date): ParsedBatch {
	if (Buffer.byteLength(text, 'utf8') > MAX_BATCH_BYTES) return { ok: false, error: 'too_large' };
	const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const numbered = rawLines
		.map((content, index) => ({ content, line: index + 1 }))
		.filter((l) => l.content.trim() !== '');
	if (numbered.length > MAX_BATCH_LINES) return { ok: false, error: 'too_many_lines' };

	const schema = lineSchema(now);
	const lines: ParsedLine[] = [];
	const errors: LineError[] = [];
	const fail = (line: number, error: LineErrorCode): void => {
		if (!errors.some((e) => e.line === line && e.error === error)) errors.push({ line, error });
	};
	for (const { content, line } of numbered) {
		let value: unknown;
		try {
			value = JSON.parse(content);
		} catch {
			fail(line, 'not_json');
			continue;
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			fail(line, 'not_object');
			continue;
		}
		const result = v.safeParse(schema, value, { abortPipeEarly: true });
		if (!result.success) {
			for (const issue of result.issues) fail(line, codeOf(issue));
			continue;
		}
		const o = result.output;
		lines.push({
			line,
			event: {
				externalId: o.id,
				proceeding: o.proceeding,
				kind: o.kind,
				occurredAt: o.occurredAt,
				birthDate: o.birthDate,
				complex: o.complex,
				details: o.details
			}
		});
	}

	// Two dates of birth for one proceeding: one of them is wrong, and we cannot tell which.
	const birthDates = new Map<string, string>();
	for (const { line, event } of lines) {
		if (event.birthDate === null) continue;
		const key = identityKey(event.proceeding);
		const first = birthDates.get(key);
		if (first === undefined) birthDates.set(key, event.birthDate);
		else if (first !== event.birthDate) fail(line, 'birth_date_conflict');
	}

	errors.sort((a, b) => a.line - b.line);
	return { ok: true, received: numbered.length, lines, errors };
}

/**
 * What the batch says about each proceeding. The birth date only ever creates a proceeding: the
 * status lookup matches on it, so the feed never rewrites it. `complex` comes from the event that
 * happened last, since events arrive out of order.
 */
export function proceedingFacts(events: RegistryEvent[]): ProceedingFacts[] {
	const facts = new Map<string, ProceedingFacts & { complexAt: number }>();
	for (const e of events) {
		const key = identityKey(e.proceeding);
		const { number, typeCode, year, serial } = e.proceeding;
		let f = facts.get(key);
		if (!f) {
			f = {
				identity: { number, typeCode, year },
				creation: null,
				complex: null,
				complexAt: -Infinity
			};
			facts.set(key, f);
		}
		if (f.creation === null && e.birthDate !== null)
			f.creation = { serial, birthDate: e.birthDate };
		if (e.complex !== null && e.occurredAt.getTime() >= f.complexAt) {
			f.complex = e.complex;
			f.complexAt = e.occurredAt.getTime();
		}
	}
	return [...facts.values()].map(({ identity, creation, complex }) => ({
		identity,
		creation,
		complex
	}));
}

function invalid(received: number, errors: LineError[]): ImportResult {
	log.warn(
		{ received, invalidLines: new Set(errors.map((e) => e.line)).size },
		'registry batch refused'
	);
	return {
		status: 'invalid',
		report: { ok: false, received, applied: 0, duplicates: 0, errors }
	};
}

/** Queues e-mail alerts for proceedings whose stage changed (alerts.service.ts). */
export type StatusNotifier = (changedProceedingIds: string[], now: Date) => Promise<number>;

/**
 * Runs after the batch's own transaction has committed: the batch stays stored even if this
 * fails. The alert is then late, not lost: it goes out with the proceeding's next change, as
 * the stage last announced is what decides.
 */
async function notifySubscribers(notify: StatusNotifier, ids: string[], now: Date): Promise<void> {
	if (ids.length === 0) return;
	try {
		await notify(ids, now);
	} catch (error) {
		log.error({ code: driverError(error).code ?? 'unknown' }, 'status alerts not queued');
	}
}

/**
 * Imports a batch of registry events: all of it in one transaction, or, when any line is
 * invalid, none of it, with every line error listed (a half-applied batch could not be resent
 * as it is). Events may arrive late and out of order: status is derived by date, not by arrival.
 */
export async function importEvents(
	text: string,
	now: Date,
	store: RegistryEventStore = registryEventStore(),
	notify: StatusNotifier = notifyStatusChanges
): Promise<ImportResult> {
	const batch = parseBatch(text, now);
	if (!batch.ok) {
		log.warn({ error: batch.error }, 'registry batch refused');
		return { status: 'rejected', error: batch.error };
	}
	if (batch.errors.length > 0) return invalid(batch.received, batch.errors);

	let result: ApplyResult = { ok: true, insertedExternalIds: [], changedProceedingIds: [] };
	if (batch.lines.length > 0) {
		try {
			const events = batch.lines.map((l) => l.event);
			result = await store.applyBatch({ proceedings: proceedingFacts(events), events });
		} catch (error) {
			const code = driverError(error).code ?? 'unknown';
			log.error({ received: batch.received, code }, 'registry batch not stored');
			throw new ImportFailedError(code);
		}
	}
	if (!result.ok) {
		const unknown = new Set(result.unknownProceedings.map(identityKey));
		const errors = batch.lines
			.filter((l) => unknown.has(identityKey(l.event.proceeding)))
			.map((l): LineError => ({ line: l.line, error: 'unknown_proceeding' }));
		return invalid(batch.received, errors);
	}

	const applied = result.insertedExternalIds.length;
	const report: ImportReport = {
		ok: true,
		received: batch.received,
		applied,
		duplicates: batch.received - applied,
		errors: []
	};
	log.info(
		{
			received: report.received,
			applied,
			duplicates: report.duplicates,
			changedProceedings: result.changedProceedingIds.length
		},
		'registry batch applied'
	);
	const { insertedExternalIds, changedProceedingIds } = result;
	await notifySubscribers(notify, changedProceedingIds, now);
	return { status: 'applied', report, changes: { insertedExternalIds, changedProceedingIds } };
}
