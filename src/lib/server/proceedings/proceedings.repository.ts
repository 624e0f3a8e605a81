import { and, asc, eq } from 'drizzle-orm';
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

/**
 * One query matching the number AND the date of birth: a wrong date of birth costs exactly what
 * an unknown number costs, so the answer and its timing reveal nothing about which it was.
 */
export async function findByNumberAndBirthDate(
	id: ProceedingNumber,
	birthDate: string
): Promise<ProceedingRecord | null> {
	const [row] = await getDb()
		.select({
			id: proceedings.id,
			number: proceedings.number,
			serial: proceedings.serial,
			typeCode: proceedings.typeCode,
			year: proceedings.year,
			complex: proceedings.complex
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
	return row ?? null;
}

export async function eventsOf(proceedingId: string): Promise<ProceedingEvent[]> {
	const rows = await getDb()
		.select({
			kind: proceedingEvents.kind,
			occurredAt: proceedingEvents.occurredAt,
			details: proceedingEvents.details
		})
		.from(proceedingEvents)
		.where(eq(proceedingEvents.proceedingId, proceedingId))
		.orderBy(asc(proceedingEvents.occurredAt));
	return rows.map((r) => ({
		kind: r.kind as EventKind,
		occurredAt: r.occurredAt,
		details: r.details ?? null
	}));
}
