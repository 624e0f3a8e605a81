import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import type { EventKind, ProceedingNumber } from './proceeding-number';
import { proceedingEvents, proceedings } from './proceedings.schema';
import type { ProceedingEvent } from './proceeding-status';

export interface ProceedingRecord {
	id: string;
	number: number;
	serial: number | null;
	typeCode: string;
	year: number;
	complex: boolean;
}

export interface ProceedingWithEvents extends ProceedingRecord {
	events: ProceedingEvent[];
}

/**
 * One query matching the number AND the date of birth, with the events aggregated in: a wrong
 * date of birth costs exactly what an unknown number costs, so neither the answer nor its timing
 * tells which it was; and a found proceeding costs one round trip.
 */
export async function findWithEvents(id: ProceedingNumber, birthDate: string): Promise<ProceedingWithEvents | null> {
	const [row] = await getDb()
		.select({
			id: proceedings.id,
			number: proceedings.number,
			serial: proceedings.serial,
			typeCode: proceedings.typeCode,
			year: proceedings.year,
			complex: proceedings.complex,
			events: sql<{ kind: string; at: string; details: Record<string, string> | null }[]>`coalesce((
				select json_agg(json_build_object('kind', e.kind, 'at', e.occurred_at, 'details', e.details) order by e.occurred_at)
				from ${proceedingEvents} e where e.proceeding_id = "proceedings"."id"
			), '[]'::json)`
		})
		.from(proceedings)
		.where(
			and(
				eq(proceedings.number, id.number),
				eq(proceedings.typeCode, id.typeCode),
				eq(proceedings.year, id.year),
				eq(proceedings.birthDate, birthDate)
			)
		)
		.limit(1);
	if (!row) return null;
	const events = (typeof row.events === 'string' ? JSON.parse(row.events) : row.events) as {
		kind: string;
		at: string;
		details: Record<string, string> | null;
	}[];
	return {
		...row,
		events: events.map((e) => ({ kind: e.kind as EventKind, occurredAt: new Date(e.at), details: e.details }))
	};
}
