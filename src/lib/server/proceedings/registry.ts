// The boundary between the ministry's internal system (the registry that decides proceedings)
// and Pobyt: what one validated event from its feed is, and the port that stores a batch of them.
import type {
	EventKind,
	ProceedingNumber,
	ProceedingNumberError,
	TypeCode
} from './proceeding-number';

/** How a proceeding is identified: the serial suffix is for display only (proceedings.schema.ts). */
export interface ProceedingIdentity {
	number: number;
	typeCode: TypeCode;
	year: number;
}

/** One dated event from the registry, validated. */
export interface RegistryEvent {
	/** The registry's own id of the event: sending it again changes nothing. */
	externalId: string;
	proceeding: ProceedingNumber;
	kind: EventKind;
	occurredAt: Date;
	/** Needed only to create a proceeding Pobyt does not know yet; ignored afterwards. */
	birthDate: string | null;
	complex: boolean | null;
	details: Record<string, string> | null;
}

/** What a batch says about one proceeding it names (import.service.ts decides). */
export interface ProceedingFacts {
	identity: ProceedingIdentity;
	/** How to create it if it is new; null when no event of the batch carries a birth date. */
	creation: { serial: number | null; birthDate: string } | null;
	/** The flag to set; null when no event of the batch says. */
	complex: boolean | null;
}

/** A validated batch: every proceeding its events name, once, and the events. */
export interface RegistryBatch {
	proceedings: ProceedingFacts[];
	events: RegistryEvent[];
}

/** What a stored batch changed, for the step that alerts subscribers to new statuses. */
export interface AppliedEvents {
	/** External ids stored by this batch; the others were already there. */
	insertedExternalIds: string[];
	/** Proceedings created, given new events or a new `complex` flag by this batch. */
	changedProceedingIds: string[];
}

export type ApplyResult =
	| ({ ok: true } & AppliedEvents)
	/** Events for proceedings that do not exist and that no event in the batch can create. */
	| { ok: false; unknownProceedings: ProceedingIdentity[] };

/** Stores registry events; one call is one all-or-nothing batch. */
export interface RegistryEventStore {
	applyBatch(batch: RegistryBatch): Promise<ApplyResult>;
}

/** Why one line of a batch was refused; the whole batch is then refused. */
export type LineErrorCode =
	| 'not_json'
	| 'not_object'
	| 'id_missing'
	| 'id_invalid'
	| 'proceeding_missing'
	| 'proceeding_invalid'
	| `proceeding_${ProceedingNumberError}`
	| 'kind_missing'
	| 'kind_unknown'
	| 'occurred_at_missing'
	| 'occurred_at_invalid'
	| 'occurred_at_future'
	| 'birth_date_invalid'
	| 'birth_date_future'
	| 'birth_date_conflict'
	| 'complex_invalid'
	| 'details_invalid'
	| 'details_deadline_invalid'
	| 'details_purpose_invalid'
	| 'unknown_proceeding';

export interface LineError {
	/** 1-based line of the batch, blank lines included, as an editor shows it. */
	line: number;
	error: LineErrorCode;
}

/** The answer to the registry: counts and line errors, never personal data. */
export interface ImportReport {
	ok: boolean;
	/** Non-blank lines. */
	received: number;
	/** Events stored by this batch. */
	applied: number;
	/** Events already stored before (or twice in this batch). */
	duplicates: number;
	errors: LineError[];
}

/** Why a whole batch was refused before reading its lines. */
export type BatchRejection = 'too_large' | 'too_many_lines';

export function identityKey(p: ProceedingIdentity): string {
	return `${p.number}/${p.typeCode}/${p.year}`;
}
