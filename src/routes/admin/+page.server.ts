import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ROLES } from '$lib/server/accounts/roles';
import { createUser, listUsers } from '$lib/server/accounts/users.service';
import { allBranches } from '$lib/server/booking/schedule.service';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readForm, parseForm, text } from '$lib/server/http/form';
import { formAccess } from '$lib/server/http/staff-forms';
import { asStaff } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

const USER_FORM = v.object({ email: text(200), displayName: text(200) });

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({
		users: await listUsers(actor, now()),
		branches: await allBranches(actor),
		roles: [...ROLES]
	}));

export const actions: Actions = {
	create: (event) =>
		asStaff(event, async (actor) => {
			const text = staffText(event.locals.locale);
			const form = await readForm(event);
			const read = parseForm(USER_FORM, form);
			const values = { ...read.values, ...formAccess(form) };
			if (!read.ok) {
				const errors = read.errors.map((e) => ({ field: e.field, message: text.formControl }));
				return fail(400, { values, errors });
			}
			const errors = [
				...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)
					? []
					: [{ field: 'email', message: text.adminEmailInvalid }]),
				...(values.displayName ? [] : [{ field: 'displayName', message: text.adminNameMissing }])
			];
			if (errors.length > 0) return fail(400, { values, errors });
			const result = await createUser(actor, values, now());
			if (result.kind === 'email_taken') {
				return fail(409, { values, errors: [{ field: 'email', message: text.adminEmailTaken }] });
			}
			if (result.kind === 'unknown_branch') {
				return fail(400, {
					values,
					errors: [{ field: 'branches', message: text.adminUnknownBranch }]
				});
			}
			return { created: { email: values.email, password: result.password } };
		})
};
