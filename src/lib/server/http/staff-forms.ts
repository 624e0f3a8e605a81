import { ROLES, type Role } from '../accounts/roles';

/** Roles ticked in a form (`role` checkboxes); unknown values are ignored. */
export function formRoles(form: FormData): Role[] {
	return form
		.getAll('role')
		.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
}

/** Branch ids ticked in a form (`branch` checkboxes). */
export function formBranchIds(form: FormData): number[] {
	return [
		...new Set(
			form
				.getAll('branch')
				.map((b) => Number(b))
				.filter((n) => Number.isInteger(n) && n > 0)
		)
	];
}

/** Minutes to wait, from a throttle's seconds, for messages. */
export function retryMinutes(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}
