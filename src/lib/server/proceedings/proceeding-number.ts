/** Type codes the official lookup accepts (DOMAIN.md). */
export const TYPE_CODES = [
	'CD',
	'DO',
	'DP',
	'DV',
	'MK',
	'PP',
	'ST',
	'TP',
	'VP',
	'ZK',
	'ZM'
] as const;
export type TypeCode = (typeof TYPE_CODES)[number];

/** Dated events the internal system reports about a proceeding. */
export const EVENT_KINDS = [
	'filed',
	'suspended',
	'resumed',
	'preliminary_positive',
	'approved',
	'rejected',
	'stopped',
	'biometrics_taken',
	'card_ready',
	'card_collected'
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ProceedingNumber {
	number: number;
	serial: number | null;
	typeCode: TypeCode;
	year: number;
}

/** The canonical written form, e.g. `OAM-51727-4/DP-2025`. */
export function formatProceedingNumber(p: ProceedingNumber): string {
	const serial = p.serial === null ? '' : `-${p.serial}`;
	return `OAM-${p.number}${serial}/${p.typeCode}-${p.year}`;
}

/** Why a typed number could not be read; each has a translated message with an example. */
export type ProceedingNumberError =
	| 'empty'
	| 'too_long'
	| 'no_type'
	| 'unknown_type'
	| 'no_year'
	| 'bad_year'
	| 'no_number'
	| 'number_too_long'
	| 'unexpected';

export type ParseResult =
	| { ok: true; value: ProceedingNumber }
	| { ok: false; error: ProceedingNumberError; detail?: string };

const MAX_INPUT = 60;
const DASHES = /[\u2010-\u2015\u2212_.]/g;

/**
 * Reads a proceeding number however people type it: any case, spaces, with or without `OAM-`,
 * leading zeros, with or without the serial suffix, dashes or slashes or spaces between parts.
 * `OAM-51727-4/DP-2025`, `oam 51727/dp 2025`, `051727 DP 2025`, `51727-4-DP-2025` all parse.
 */
export function parseProceedingNumber(
	input: string,
	currentYear = new Date().getUTCFullYear()
): ParseResult {
	const raw = input.trim();
	if (raw === '') return { ok: false, error: 'empty' };
	if (raw.length > MAX_INPUT) return { ok: false, error: 'too_long' };
	const text = raw
		.toUpperCase()
		.replace(DASHES, '-')
		.replace(/\s*([-/])\s*/g, '$1')
		.replace(/\s+/g, '-')
		.replace(/^OAM(?=[-/\d])/, '')
		.replace(/^[-/]+/, '');
	const tokens = text.split(/[-/]+/).filter(Boolean);
	// Letters glued to digits ("51727DP2025") become separate tokens.
	const parts = tokens.flatMap((t) => t.match(/[A-Z]+|\d+|[^A-Z\d]+/g) ?? []);
	if (parts.some((p) => !/^([A-Z]+|\d+)$/.test(p))) return { ok: false, error: 'unexpected' };

	const typeIndex = parts.findIndex((p) => /^[A-Z]+$/.test(p));
	if (typeIndex === -1) return { ok: false, error: 'no_type' };
	const typeCode = parts[typeIndex]!;
	if (!(TYPE_CODES as readonly string[]).includes(typeCode)) {
		return { ok: false, error: 'unknown_type', detail: typeCode.slice(0, 6) };
	}
	const before = parts.slice(0, typeIndex);
	const after = parts.slice(typeIndex + 1);
	if (after.length === 0) return { ok: false, error: 'no_year' };
	if (after.length > 1 || !/^\d{4}$/.test(after[0]!)) return { ok: false, error: 'bad_year' };
	const year = Number(after[0]);
	if (year < 2000 || year > currentYear) return { ok: false, error: 'bad_year', detail: after[0] };
	if (before.length === 0 || before.some((p) => !/^\d+$/.test(p)))
		return { ok: false, error: 'no_number' };
	if (before.length > 2) return { ok: false, error: 'unexpected' };
	const digits = before[0]!.replace(/^0+(?=\d)/, '');
	if (digits.length > 6) return { ok: false, error: 'number_too_long' };
	let serial: number | null = null;
	if (before.length === 2) {
		const s = before[1]!.replace(/^0+(?=\d)/, '');
		if (s.length > 2) return { ok: false, error: 'unexpected' };
		serial = Number(s);
	}
	return {
		ok: true,
		value: { number: Number(digits), serial, typeCode: typeCode as TypeCode, year }
	};
}
