import * as v from 'valibot';
import { ROLES, type Role } from '../accounts/roles';
import { many, parseForm } from './form';

const ACCESS_FORM = v.object({ role: many(40, 20), branch: many(12, 1000) });

/** Roles and branch ids ticked in a form (`role`, `branch` checkboxes); unknown values are ignored. */
export function formAccess(form: FormData): { roles: Role[]; branchIds: number[] } {
	const { values } = parseForm(ACCESS_FORM, form);
	return {
		roles: values.role.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
		branchIds: [...new Set(values.branch.filter((b) => /^[1-9]\d{0,8}$/.test(b)).map(Number))]
	};
}

/** Minutes to wait, from a throttle's seconds, for messages. */
export function retryMinutes(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}
