// The day at the counter (issue "Staff back office", item 6): the branch's appointments, check-in
// by reference, done, no-show. Branch staff of that branch only; every read of a person's
// booking and every change is audited.
import type { Actor } from '../accounts/access';
import { audit, auditEach } from '../audit/audit.service';
import { track } from '../insights/insights.service';
import { addDays, fromPrague } from '../../time/prague';
import {
	bookingsOfDay,
	markAtCounter,
	type CounterRow,
	type CounterStep
} from './bookings.repository';
import { ownBranch } from './schedule.service';
import { parseDate } from './slot-plan';

export type CounterStatus = 'booked' | 'arrived' | 'done' | 'no_show';

export interface CounterEntry {
	reference: string;
	fullName: string;
	serviceSlug: string;
	startsAt: Date;
	status: CounterStatus;
}

/** Derived from the timestamps, never stored. */
function statusOf(row: CounterRow): CounterStatus {
	if (row.noShowAt) return 'no_show';
	if (row.completedAt) return 'done';
	if (row.checkedInAt) return 'arrived';
	return 'booked';
}

export async function counterDay(
	actor: Actor | null,
	branchId: number,
	date: string,
	now: Date
): Promise<{ branchName: string; date: string; entries: CounterEntry[] } | null> {
	const branch = await ownBranch(actor, branchId);
	const day = parseDate(date);
	if (!branch || !day) return null;
	const next = addDays(day.year, day.month, day.day, 1);
	const rows = await bookingsOfDay(
		branchId,
		fromPrague(day.year, day.month, day.day),
		fromPrague(next.year, next.month, next.day)
	);
	await auditEach(
		actor!,
		rows.map((r) => ({
			action: 'booking.read',
			subjectType: 'booking' as const,
			subjectId: r.id,
			reason: '/staff/[branch]/day'
		})),
		now
	);
	return {
		branchName: branch.name,
		date,
		entries: rows.map((r) => ({
			reference: r.reference,
			fullName: r.fullName,
			serviceSlug: r.serviceSlug,
			startsAt: r.startsAt,
			status: statusOf(r)
		}))
	};
}

/** References are typed by hand or read from the QR code: case, spaces and dashes do not matter. */
export function normaliseReference(typed: string): string | null {
	const plain = typed.toUpperCase().replace(/[\s-]/g, '');
	return /^[A-Z0-9]{8}$/.test(plain) ? `${plain.slice(0, 4)}-${plain.slice(4)}` : null;
}

export async function counterStep(
	actor: Actor | null,
	branchId: number,
	typedReference: string,
	step: CounterStep,
	now: Date
): Promise<'ok' | 'not_found'> {
	const branch = await ownBranch(actor, branchId);
	const reference = normaliseReference(typedReference);
	if (!branch || !reference) return 'not_found';
	const id = await markAtCounter(branchId, reference, step, now);
	if (!id) return 'not_found';
	await audit(
		actor!,
		{
			action: `booking.${step}`,
			subjectType: 'booking',
			subjectId: id,
			reason: '/staff/[branch]/day'
		},
		now
	);
	track('counter', null, { branch: branch.slug, step });
	return 'ok';
}
