// The six-digit code a caller reads out to the agent. Unique among active contexts only (the
// database enforces it), so a million codes suffice for a day's calls.
import { randomInt } from 'node:crypto';

export const CODE_PATTERN = /^\d{6}$/;

export function newContextCode(): string {
	return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** `482913` → `482 913`: two groups of three are easier to read out and type. */
export function formatContextCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** What an agent types (`482 913`, `482-913`) as the stored code, or null when it is not one. */
export function parseContextCode(typed: string): string | null {
	const code = typed.replace(/[\s-]/g, '');
	return CODE_PATTERN.test(code) ? code : null;
}
