// Branch schedules and slots (issue "Staff back office", item 5): weekly rules, closures, and
// idempotent slot generation. Branch staff, only for their own branches.
import { AccessDenied, requireRole, type Actor } from '../accounts/access';
import { track } from '../insights/insights.service';
import { addDays, fromPrague, isoDate, toPrague } from '../../time/prague';
import {
	closuresOf,
	endRule,
	findBranch,
	insertClosure,
	insertRule,
	rulesOf,
	slotSummary,
	upsertSlots,
	type BranchRecord,
	type DaySummary,
	type RuleRecord,
	type UpsertReport
} from './schedule.repository';
import { branchAddress, listBranches } from './branches.repository';
import { closureMessages } from './booking-mail';
import { audit, auditEach } from '../audit/audit.service';
import { parseDate, planSlots, type Rule } from './slot-plan';

/** The branch, if this actor is branch staff there; AccessDenied otherwise (also for admins). */
export async function ownBranch(
	actor: Actor | null,
	branchId: number
): Promise<BranchRecord | null> {
	const staff = requireRole(actor, 'branch_staff');
	if (!staff.branchIds.includes(branchId)) throw new AccessDenied(['branch_staff']);
	return findBranch(branchId);
}

/** A branch by id, for other domains (a release names its branch); no permission involved. */
export function branchById(branchId: number): Promise<BranchRecord | null> {
	return findBranch(branchId);
}

/** Every branch, for the admin's user forms (which branches a clerk works at). */
export async function allBranches(actor: Actor | null): Promise<{ id: number; name: string }[]> {
	requireRole(actor, 'admin');
	return (await listBranches()).map((b) => ({ id: b.id, name: b.name }));
}

export async function myBranches(actor: Actor | null): Promise<{ id: number; name: string }[]> {
	const staff = requireRole(actor, 'branch_staff');
	return (await listBranches())
		.filter((b) => staff.branchIds.includes(b.id))
		.map((b) => ({ id: b.id, name: b.name }));
}

function pragueToday(now: Date): string {
	const p = toPrague(now);
	return isoDate(p.year, p.month, p.day);
}

/** Midnight (Prague) at the start of `date` + `days`. */
function dayStart(date: string, days = 0): Date {
	const d = parseDate(date)!;
	const n = addDays(d.year, d.month, d.day, days);
	return fromPrague(n.year, n.month, n.day);
}

/** People a closure cancels wait, with priority, for a seat until this many days after it. */
const WAITLIST_AFTER_CLOSURE_DAYS = 30;

function addDaysTo(date: string, days: number): string {
	const d = parseDate(date)!;
	const n = addDays(d.year, d.month, d.day, days);
	return isoDate(n.year, n.month, n.day);
}

export interface BranchSchedule {
	branch: BranchRecord;
	rules: RuleRecord[];
	closures: { id: number; fromDate: string; toDate: string; reason: string }[];
	/** The next 14 days with slots. */
	upcoming: DaySummary[];
	today: string;
}

export async function branchSchedule(
	actor: Actor | null,
	branchId: number,
	now: Date
): Promise<BranchSchedule | null> {
	const branch = await ownBranch(actor, branchId);
	if (!branch) return null;
	const today = pragueToday(now);
	return {
		branch,
		rules: await rulesOf(branchId),
		closures: (await closuresOf(branchId)).filter((c) => c.toDate >= today),
		upcoming: await slotSummary(branchId, dayStart(today), dayStart(today, 14)),
		today
	};
}

export type RuleResult = { kind: 'ok'; id: number } | { kind: 'not_offered' };

/** Every change to a branch's schedule leaves one audit record: who, what, when. */
function auditBranch(actor: Actor, branchId: number, action: string, now: Date): Promise<void> {
	return audit(
		actor,
		{ action, subjectType: 'branch', subjectId: String(branchId), reason: '/staff/[branch]' },
		now
	);
}

export async function addRule(
	actor: Actor | null,
	branchId: number,
	rule: Rule,
	now: Date = new Date()
): Promise<RuleResult | null> {
	const branch = await ownBranch(actor, branchId);
	if (!branch) return null;
	if (!branch.services.some((s) => s.id === rule.serviceId)) return { kind: 'not_offered' };
	const id = await insertRule(branchId, rule, actor!.userId);
	await auditBranch(actor!, branchId, 'schedule.rule_add', now);
	return { kind: 'ok', id };
}

export async function stopRule(
	actor: Actor | null,
	branchId: number,
	ruleId: number,
	now: Date
): Promise<boolean> {
	if (!(await ownBranch(actor, branchId))) return false;
	// From tomorrow on: today's published slots stay.
	const ended = await endRule(branchId, ruleId, pragueToday(now));
	if (ended) await auditBranch(actor!, branchId, 'schedule.rule_end', now);
	return ended;
}

export interface GenerateReport extends UpsertReport {
	planned: number;
	holidays: string[];
	closed: string[];
}

/**
 * Publishes the slots the rules call for from `from` to `to` (Prague dates, from today on, at
 * most 92 days). Idempotent: a second run with the same rules writes nothing.
 */
export async function generateSlots(
	actor: Actor | null,
	branchId: number,
	from: string,
	to: string,
	now: Date
): Promise<GenerateReport | null> {
	const branch = await ownBranch(actor, branchId);
	if (!branch) return null;
	const start = from < pragueToday(now) ? pragueToday(now) : from;
	const plan = planSlots(await rulesOf(branchId), await closuresOf(branchId), start, to);
	// Slots that have already begun are history, not capacity.
	const future = plan.slots.filter((s) => s.startsAt > now);
	const report = await upsertSlots(branchId, future);
	track('capacity_published', null, {
		branch: branch.slug,
		slotsCreated: report.created,
		seats: future.reduce((sum, s) => sum + s.capacity, 0)
	});
	await auditBranch(actor!, branchId, 'schedule.publish', now);
	return { ...report, planned: future.length, holidays: plan.holidays, closed: plan.closed };
}

/**
 * Closes the branch for whole days: active bookings on them are cancelled and their people
 * e-mailed in their language (one transaction with the closure), free slots removed, and no
 * slot is generated there again.
 */
export async function closeDays(
	actor: Actor | null,
	branchId: number,
	closure: { fromDate: string; toDate: string; reason: string },
	now: Date,
	origin: string
): Promise<{ removed: number; cancelled: number } | null> {
	const branch = await ownBranch(actor, branchId);
	if (!branch) return null;
	const address = await branchAddress(branchId);
	const result = await insertClosure(
		branchId,
		closure,
		{ from: dayStart(closure.fromDate), to: dayStart(closure.toDate, 1) },
		actor!.userId,
		now,
		{ from: pragueToday(now), to: addDaysTo(closure.toDate, WAITLIST_AFTER_CLOSURE_DAYS) },
		(cancelled) => closureMessages(cancelled, address, origin)
	);
	await auditBranch(actor!, branchId, 'schedule.close', now);
	await auditEach(
		actor!,
		result.cancelled.map((c) => ({
			action: 'booking.cancel_closure',
			subjectType: 'booking' as const,
			subjectId: c.id,
			reason: '/staff/[branch]'
		})),
		now
	);
	track('branch_closure', null, {
		branch: branch.slug,
		slotsRemoved: result.removed,
		bookingsCancelled: result.cancelled.length
	});
	return { removed: result.removed, cancelled: result.cancelled.length };
}
