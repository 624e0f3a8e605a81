/** A plausible address to write to (something@domain.tld, at most 200 characters). */
export function isEmailAddress(address: string): boolean {
	return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(address) && address.length <= 200;
}
