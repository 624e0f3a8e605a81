import { and, inArray, ne, sql } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import { proceedingEvents, proceedings } from './proceedings.schema';
import {
	identityKey,
	type ApplyResult,
	type ProceedingFacts,
	type ProceedingIdentity,
	type RegistryBatch,
	type RegistryEvent,
	type RegistryEventStore
} from './registry';

/** Rows per statement: far below PostgreSQL's 65,535 bind parameters at 7 per row. */
const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

interface Known extends ProceedingIdentity {
	id: string;
}

async function findByIdentity(db: Db, identities: ProceedingIdentity[]): Promise<Known[]> {
	if (identities.length === 0) return [];
	// One JSON parameter, not a tuple list: PGlite's stack gives out near a thousand tuples.
	const keys = JSON.stringify(
		identities.map((p) => ({ number: p.number, type_code: p.typeCode, year: p.year }))
	);
	const rows = await db
		.select({
			id: proceedings.id,
			number: proceedings.number,
			typeCode: proceedings.typeCode,
			year: proceedings.year
		})
		.from(proceedings)
		.where(
			sql`(${proceedings.number}, ${proceedings.typeCode}, ${proceedings.year}) in (select number, type_code, year from jsonb_to_recordset(${keys}::jsonb) as k(number integer, type_code text, year smallint))`
		);
	return rows as Known[];
}

/** One order for every batch, so concurrent batches take row locks in the same order. */
function byIdentity(a: ProceedingFacts, b: ProceedingFacts): number {
	return (
		a.identity.number - b.identity.number ||
		a.identity.year - b.identity.year ||
		a.identity.typeCode.localeCompare(b.identity.typeCode)
	);
}

/**
 * Stores a batch in one transaction: creates the proceedings it introduces, updates `complex`,
 * and inserts events that are not stored yet (`external_id` is unique, so a batch sent twice, or
 * twice at once, stores each event once). Writes nothing when an event names a proceeding that
 * does not exist and no event of the batch carries the birth date needed to create it.
 */
export async function applyRegistryBatch(
	batch: RegistryBatch,
	db: Db = getDb()
): Promise<ApplyResult> {
	return db.transaction(async (tx) => {
		const touched = [...batch.proceedings].sort(byIdentity);
		const ids = new Map<string, string>();
		for (const p of await findByIdentity(
			tx,
			touched.map((t) => t.identity)
		)) {
			ids.set(identityKey(p), p.id);
		}

		const unknown = touched.filter((t) => !ids.has(identityKey(t.identity)) && t.creation === null);
		if (unknown.length > 0)
			return { ok: false, unknownProceedings: unknown.map((t) => t.identity) };

		const changed = new Set<string>();
		const toCreate = touched.filter((t) => !ids.has(identityKey(t.identity)));
		for (const chunk of chunks(toCreate)) {
			const created = await tx
				.insert(proceedings)
				.values(
					chunk.map((t) => ({
						...t.identity,
						serial: t.creation!.serial,
						birthDate: t.creation!.birthDate,
						complex: t.complex ?? false
					}))
				)
				.onConflictDoNothing({
					target: [proceedings.number, proceedings.typeCode, proceedings.year]
				})
				.returning({
					id: proceedings.id,
					number: proceedings.number,
					typeCode: proceedings.typeCode,
					year: proceedings.year
				});
			for (const p of created as Known[]) {
				ids.set(identityKey(p), p.id);
				changed.add(p.id);
			}
		}
		// Created meanwhile by a concurrent batch: it committed, so this statement sees it.
		const lost = toCreate.filter((t) => !ids.has(identityKey(t.identity)));
		for (const p of await findByIdentity(
			tx,
			lost.map((t) => t.identity)
		)) {
			ids.set(identityKey(p), p.id);
		}

		for (const complex of [true, false]) {
			const targets = touched
				.filter((t) => t.complex === complex)
				.map((t) => ids.get(identityKey(t.identity))!)
				.filter((id) => !changed.has(id))
				.sort();
			for (const chunk of chunks(targets)) {
				// Lock in id order first: an UPDATE alone locks in scan order, which may deadlock.
				await tx
					.select({ id: proceedings.id })
					.from(proceedings)
					.where(inArray(proceedings.id, chunk))
					.orderBy(proceedings.id)
					.for('no key update');
				const updated = await tx
					.update(proceedings)
					.set({ complex })
					.where(and(inArray(proceedings.id, chunk), ne(proceedings.complex, complex)))
					.returning({ id: proceedings.id });
				for (const p of updated) changed.add(p.id);
			}
		}

		const unique = new Map<string, RegistryEvent>();
		for (const e of batch.events) if (!unique.has(e.externalId)) unique.set(e.externalId, e);
		const rows = [...unique.values()]
			.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
			.map((e) => ({
				proceedingId: ids.get(identityKey(e.proceeding))!,
				externalId: e.externalId,
				kind: e.kind,
				occurredAt: e.occurredAt,
				details: e.details
			}));
		const insertedExternalIds: string[] = [];
		for (const chunk of chunks(rows)) {
			const inserted = await tx
				.insert(proceedingEvents)
				.values(chunk)
				.onConflictDoNothing({ target: proceedingEvents.externalId })
				.returning({
					externalId: proceedingEvents.externalId,
					proceedingId: proceedingEvents.proceedingId
				});
			for (const e of inserted) {
				insertedExternalIds.push(e.externalId);
				changed.add(e.proceedingId);
			}
		}

		return { ok: true, insertedExternalIds, changedProceedingIds: [...changed].sort() };
	});
}

/** The store on a given database; the global one unless a test opens a second connection. */
export function registryEventStore(db: Db = getDb()): RegistryEventStore {
	return { applyBatch: (batch) => applyRegistryBatch(batch, db) };
}
