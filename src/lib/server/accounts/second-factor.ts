// TOTP (RFC 6238 over @oslojs/otp's HOTP, so that tests can fix the clock) and recovery codes.
import { randomBytes } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { hashToken } from '../security/tokens';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: phones whose clocks drift by up to 30 s still work. */
const DRIFT_STEPS = 1;

export function newTotpKey(): Uint8Array {
	return new Uint8Array(randomBytes(20));
}

/** The `otpauth://` URI an authenticator app reads from the enrolment QR code. */
export function totpUri(accountName: string, key: Uint8Array): string {
	return createTOTPKeyURI('Pobyt', accountName, key, PERIOD_SECONDS, DIGITS);
}

export function totpStep(at: Date): number {
	return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS);
}

/** The code an authenticator shows at `at` (tests, and nothing else in the app). */
export function totpCode(key: Uint8Array, at: Date): string {
	return generateHOTP(key, BigInt(totpStep(at)), DIGITS);
}

/**
 * The time step a code belongs to, if it is valid at `at` and newer than the last one accepted
 * (a code seen once, e.g. over a shoulder, cannot be used again); otherwise null.
 */
export function acceptTotp(
	key: Uint8Array,
	code: string,
	at: Date,
	lastStep: number | null
): number | null {
	const typed = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(typed)) return null;
	const now = totpStep(at);
	for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
		if (lastStep !== null && step <= lastStep) continue;
		if (verifyHOTP(key, BigInt(step), DIGITS, typed)) return step;
	}
	return null;
}

/** No 0/O, 1/I/L: read off paper and typed by hand. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 8;

/** Ten characters (≈ 49 bits) each, shown once as `XXXXX-XXXXX`. */
export function newRecoveryCodes(): string[] {
	return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const bytes = randomBytes(10);
		const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
		return `${chars.slice(0, 5)}-${chars.slice(5)}`;
	});
}

/** Case, spaces and dashes do not matter when a recovery code is typed. */
export function hashRecoveryCode(code: string): Uint8Array {
	return hashToken(code.toUpperCase().replace(/[\s-]/g, ''));
}
