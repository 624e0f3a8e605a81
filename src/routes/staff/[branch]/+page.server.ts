import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { Actor } from '$lib/server/accounts/access';
import {
	addRule,
	ownBranch,
	branchSchedule,
	closeDays,
	generateSlots,
	stopRule
} from '$lib/server/booking/schedule.service';
import { daysBetween, MAX_PLAN_DAYS, parseDate } from '$lib/server/booking/slot-plan';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { asStaff, branchParam } from '$lib/server/http/staff-session';
import { getConfig } from '$lib/server/config';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const schedule = await branchSchedule(actor, branchParam(event.params), now());
		if (!schedule) error(404, 'Not found');
		return { schedule };
	});

type FieldError = { field: string; message: string };

/** The fields of this page's forms (rules, slots, closures). */
const SCHEDULE_FORM = v.object(
	Object.fromEntries(
		[
			'starts',
			'ends',
			'serviceId',
			'weekday',
			'slotMinutes',
			'capacity',
			'validFrom',
			'ruleId',
			'from',
			'to',
			'closeFrom',
			'closeTo',
			'reason'
		].map((name) => [name, text(200)])
	)
);
type ScheduleForm = Record<string, string>;

/** Reads a form, then runs `work` with it; validation errors come back by field, with the input. */
function staffAction<T extends object>(
	event: RequestEvent,
	work: (actor: Actor, form: ScheduleForm, errors: FieldError[]) => Promise<T | null>
) {
	return asStaff(event, async (actor) => {
		// Refuse a wrong role before reading the form: it learns nothing about what is valid.
		if (!(await ownBranch(actor, branchParam(event.params)))) error(404, 'Not found');
		const read = await readFormWith(event, SCHEDULE_FORM);
		const values = read.values as ScheduleForm;
		if (!read.ok) {
			const message = staffText(event.locals.locale).formControl;
			const errors = read.errors.map((e) => ({ field: e.field, message }));
			return fail(400, { errors, values });
		}
		const errors: FieldError[] = [];
		const result = await work(actor, read.data as ScheduleForm, errors);
		if (errors.length > 0 || result === null) return fail(400, { errors, values });
		return result;
	});
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function intIn(form: ScheduleForm, name: string, min: number, max: number): number | null {
	const digits = form[name] ?? '';
	if (!/^\d{1,10}$/.test(digits)) return null;
	const n = Number(digits);
	return n >= min && n <= max ? n : null;
}

function dateRange(
	form: ScheduleForm,
	from: string,
	to: string
): { from: string; to: string } | null {
	const a = (form[from] ?? '').slice(0, 10);
	const b = (form[to] ?? '').slice(0, 10);
	const days = daysBetween(a, b);
	return days !== null && days >= 0 && days < MAX_PLAN_DAYS ? { from: a, to: b } : null;
}

export const actions: Actions = {
	addRule: (event) =>
		staffAction(event, async (actor, form, errors) => {
			const text = staffText(event.locals.locale);
			const starts = (form.starts ?? '').slice(0, 5);
			const ends = (form.ends ?? '').slice(0, 5);
			const serviceId = intIn(form, 'serviceId', 1, 1_000_000);
			const weekday = intIn(form, 'weekday', 1, 7);
			const slotMinutes = intIn(form, 'slotMinutes', 5, 240);
			const capacity = intIn(form, 'capacity', 1, 50);
			const validFrom = (form.validFrom ?? '').slice(0, 10);
			if (!TIME.test(starts) || !TIME.test(ends) || starts >= ends) {
				errors.push({ field: 'starts', message: text.scheduleTimeInvalid });
			}
			if (slotMinutes === null)
				errors.push({ field: 'slotMinutes', message: text.scheduleNumberInvalid });
			if (capacity === null)
				errors.push({ field: 'capacity', message: text.scheduleNumberInvalid });
			if (!parseDate(validFrom))
				errors.push({ field: 'validFrom', message: text.scheduleRangeInvalid });
			if (serviceId === null || weekday === null) {
				errors.push({ field: 'serviceId', message: text.scheduleNotOffered });
			}
			if (errors.length > 0) return null;
			const result = await addRule(
				actor,
				branchParam(event.params),
				{
					serviceId: serviceId!,
					weekday: weekday!,
					starts,
					ends,
					slotMinutes: slotMinutes!,
					capacity: capacity!,
					validFrom,
					validTo: null
				},
				now()
			);
			if (!result) error(404, 'Not found');
			if (result.kind === 'not_offered') {
				errors.push({ field: 'serviceId', message: text.scheduleNotOffered });
				return null;
			}
			return { ruleAdded: true };
		}),
	stopRule: (event) =>
		staffAction(event, async (actor, form) => {
			const ruleId = intIn(form, 'ruleId', 1, 2_000_000_000);
			if (ruleId === null || !(await stopRule(actor, branchParam(event.params), ruleId, now()))) {
				error(404, 'Not found');
			}
			return { ruleStopped: true };
		}),
	generate: (event) =>
		staffAction(event, async (actor, form, errors) => {
			const range = dateRange(form, 'from', 'to');
			if (!range) {
				errors.push({
					field: 'from',
					message: staffText(event.locals.locale).scheduleRangeInvalid
				});
				return null;
			}
			const report = await generateSlots(
				actor,
				branchParam(event.params),
				range.from,
				range.to,
				now()
			);
			if (!report) error(404, 'Not found');
			return { report };
		}),
	close: (event) =>
		staffAction(event, async (actor, form, errors) => {
			const text = staffText(event.locals.locale);
			const range = dateRange(form, 'closeFrom', 'closeTo');
			const reason = form.reason ?? '';
			if (!range) errors.push({ field: 'closeFrom', message: text.scheduleRangeInvalid });
			if (!reason) errors.push({ field: 'reason', message: text.scheduleReasonMissing });
			if (!range || !reason) return null;
			const closed = await closeDays(
				actor,
				branchParam(event.params),
				{ fromDate: range.from, toDate: range.to, reason },
				now(),
				getConfig().publicOrigin
			);
			if (!closed) error(404, 'Not found');
			return { closed };
		})
};
