import type { Role } from './roles';

/** The signed-in staff member a service acts for. */
export interface Actor {
	userId: string;
	displayName: string;
	roles: ReadonlySet<Role>;
	/** Branches a branch-staff account may work on. */
	branchIds: readonly number[];
}

/** A service refused an action to this actor (or to nobody signed in). Stable code for the edge. */
export class AccessDenied extends Error {
	readonly code = 'access_denied';
	constructor(readonly needed: readonly Role[]) {
		super(`needs one of: ${needed.join(', ')}`);
		this.name = 'AccessDenied';
	}
}

/** Every service function that staff call begins with this; admins are not implicitly allowed. */
export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
	if (!actor || !roles.some((r) => actor.roles.has(r))) throw new AccessDenied(roles);
	return actor;
}

export function hasRole(actor: Actor | null, role: Role): boolean {
	return !!actor && actor.roles.has(role);
}
