// Staff accounts at /admin: create, disable, reset password and second factor, roles and
// branches. Admins only; every read of an account's details and every change is audited.
import { randomBytes } from 'node:crypto';
import { requireRole, type Actor } from './access';
import { audit } from '../audit/audit.service';
import { hashPassword } from './password';
import type { Role } from './roles';
import {
	clearSecondFactor,
	existingBranchIds,
	findStaffUser,
	insertStaffUser,
	listStaffUsers,
	replaceAccess,
	setDisabled,
	setPassword,
	type StaffUserRow
} from './users.repository';

export type StaffUserView = StaffUserRow;

/** A first or reset password, shown once to the admin, who hands it over in person. */
function temporaryPassword(): string {
	return randomBytes(12).toString('base64url');
}

export async function listUsers(actor: Actor | null, at: Date): Promise<StaffUserView[]> {
	const admin = requireRole(actor, 'admin');
	const users = await listStaffUsers();
	await audit(
		admin,
		{ action: 'staff_user.list', subjectType: 'staff_user', subjectId: '*', reason: '/admin' },
		at
	);
	return users;
}

export async function getUser(
	actor: Actor | null,
	id: string,
	at: Date
): Promise<StaffUserView | null> {
	const admin = requireRole(actor, 'admin');
	const user = /^[0-9a-f-]{36}$/.test(id) ? await findStaffUser(id) : null;
	if (user) {
		await audit(
			admin,
			{
				action: 'staff_user.read',
				subjectType: 'staff_user',
				subjectId: id,
				reason: '/admin/users/[id]'
			},
			at
		);
	}
	return user;
}

export interface NewUser {
	email: string;
	displayName: string;
	roles: Role[];
	branchIds: number[];
}

export type CreateResult =
	| { kind: 'created'; id: string; password: string }
	| { kind: 'email_taken' }
	| { kind: 'unknown_branch' };

export async function createUser(
	actor: Actor | null,
	input: NewUser,
	at: Date
): Promise<CreateResult> {
	const admin = requireRole(actor, 'admin');
	if ((await existingBranchIds(input.branchIds)).length !== new Set(input.branchIds).size) {
		return { kind: 'unknown_branch' };
	}
	const password = temporaryPassword();
	const id = await insertStaffUser({ ...input, passwordHash: await hashPassword(password) });
	if (!id) return { kind: 'email_taken' };
	await audit(
		admin,
		{ action: 'staff_user.create', subjectType: 'staff_user', subjectId: id, reason: '/admin' },
		at
	);
	return { kind: 'created', id, password };
}

export type ChangeResult =
	{ kind: 'ok'; password?: string } | { kind: 'not_found' } | { kind: 'refused' };

export type UserChange =
	| { kind: 'access'; roles: Role[]; branchIds: number[] }
	| { kind: 'disable' }
	| { kind: 'enable' }
	| { kind: 'reset_password' }
	| { kind: 'reset_second_factor' };

/** One change to an account. An admin cannot disable themselves or drop their own admin role. */
export async function changeUser(
	actor: Actor | null,
	id: string,
	change: UserChange,
	at: Date
): Promise<ChangeResult> {
	const admin = requireRole(actor, 'admin');
	const user = /^[0-9a-f-]{36}$/.test(id) ? await findStaffUser(id) : null;
	if (!user) return { kind: 'not_found' };
	const self = user.id === admin.userId;
	let password: string | undefined;
	switch (change.kind) {
		case 'access':
			if (self && !change.roles.includes('admin')) return { kind: 'refused' };
			if ((await existingBranchIds(change.branchIds)).length !== new Set(change.branchIds).size) {
				return { kind: 'refused' };
			}
			await replaceAccess(id, change.roles, change.branchIds);
			break;
		case 'disable':
			if (self) return { kind: 'refused' };
			await setDisabled(id, at);
			break;
		case 'enable':
			await setDisabled(id, null);
			break;
		case 'reset_password':
			password = temporaryPassword();
			await setPassword(id, await hashPassword(password));
			break;
		case 'reset_second_factor':
			await clearSecondFactor(id);
			break;
	}
	await audit(
		admin,
		{
			action: `staff_user.${change.kind}`,
			subjectType: 'staff_user',
			subjectId: id,
			reason: '/admin/users/[id]'
		},
		at
	);
	return password ? { kind: 'ok', password } : { kind: 'ok' };
}

/**
 * Account ids by e-mail and names by id, for the access records (audit domain), whose caller has
 * checked the actor and audits the reading.
 */
export { staffNames, staffUserIdsByEmail } from './users.repository';
