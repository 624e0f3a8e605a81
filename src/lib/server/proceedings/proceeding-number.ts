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
