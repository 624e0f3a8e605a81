import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { createRelease, drawNow, releasePage } from '$lib/server/draw/releases.service';
import { parseDate } from '$lib/server/booking/slot-plan';
import * as v from 'valibot';
import { readFormWith, text, wholeNumber } from '$lib/server/http/form';
import { asStaff, branchParam } from '$lib/server/http/staff-session';
import { getConfig } from '$lib/server/config';
import { fromPrague } from '$lib/time/prague';
import { releaseStaffText } from '$lib/release-staff-text';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const page = await releasePage(actor, branchParam(event.params));
		if (!page) error(404, 'Not found');
		return page;
	});

const RELEASE_FORM = v.object({
	serviceId: text(20),
	fromDate: text(20),
	toDate: text(20),
	opensAt: text(20),
	closesAt: text(20),
	drawAt: text(20),
	phoneShare: text(20)
});
const DRAW_FORM = v.object({ releaseId: wholeNumber('missing') });

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A `datetime-local` value read as Prague wall-clock time. */
function pragueInstant(value: string): Date | null {
	const m = LOCAL.exec(value);
	if (!m || !parseDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
	const [h, min] = [Number(m[4]), Number(m[5])];
	if (h > 23 || min > 59) return null;
	return fromPrague(Number(m[1]), Number(m[2]), Number(m[3]), h, min);
}

export const actions: Actions = {
	create: (event) =>
		asStaff(event, async (actor) => {
			const branchId = branchParam(event.params);
			const text = releaseStaffText(event.locals.locale);
			// A wrong role or branch is refused (403) before the form is read.
			await releasePage(actor, branchId);
			const read = await readFormWith(event, RELEASE_FORM);
			const values = read.values;
			if (!read.ok) {
				const message = staffText(event.locals.locale).formControl;
				return fail(400, { errors: read.errors.map((e) => ({ field: e.field, message })), values });
			}
			const errors: { field: string; message: string }[] = [];
			const serviceId = Number(values.serviceId);
			const share = Number(values.phoneShare || '0');
			const opensAt = pragueInstant(values.opensAt!);
			const closesAt = pragueInstant(values.closesAt!);
			const drawAt = pragueInstant(values.drawAt!);
			const from = parseDate(values.fromDate!);
			const to = parseDate(values.toDate!);
			const at = now();
			if (
				!opensAt ||
				!closesAt ||
				!drawAt ||
				!from ||
				!to ||
				values.toDate! < values.fromDate! ||
				opensAt >= closesAt ||
				closesAt > drawAt ||
				drawAt <= at ||
				fromPrague(from.year, from.month, from.day) <= drawAt
			) {
				errors.push({ field: 'opensAt', message: text.invalidDates });
			}
			if (!Number.isInteger(share) || share < 0 || share > 90)
				errors.push({ field: 'phoneShare', message: text.invalidShare });
			if (!Number.isInteger(serviceId) || serviceId <= 0)
				errors.push({ field: 'serviceId', message: text.notOffered });
			if (errors.length > 0) return fail(400, { errors, values });
			const result = await createRelease(
				actor,
				branchId,
				{
					serviceId,
					fromDate: values.fromDate!,
					toDate: values.toDate!,
					opensAt: opensAt!,
					closesAt: closesAt!,
					drawAt: drawAt!,
					phoneSharePercent: share
				},
				at
			);
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'not_offered')
				return fail(400, { errors: [{ field: 'serviceId', message: text.notOffered }], values });
			return { created: result };
		}),
	draw: (event) =>
		asStaff(event, async (actor) => {
			const branchId = branchParam(event.params);
			await releasePage(actor, branchId);
			const read = await readFormWith(event, DRAW_FORM);
			if (!read.ok) error(404, 'Not found');
			const id = read.data.releaseId;
			const config = getConfig();
			const outcome = await drawNow(
				actor,
				branchId,
				id,
				{ secret: config.appSecret, origin: config.publicOrigin },
				now()
			);
			return { draw: outcome };
		})
};
