/** Back-office roles. Branch staff are further scoped to their branches. */
export const ROLES = ['admin', 'branch_staff', 'agent', 'content_editor', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
