// The one list of private paths (issue 12, point 5): the server marks their responses
// `private, no-store` (http/security-headers.ts), the service worker never stores them and never
// serves them from its cache (service-worker.ts), and the device keeps nothing of them. Before,
// three copies of this list had drifted apart. Paths are matched without the locale prefix.

/** The back office: staff sign-in and everything behind it (staff-session.ts validates these). */
export const BACK_OFFICE_AREAS = [
	'login',
	'logout',
	'account',
	'admin',
	'staff',
	'agent',
	'editor',
	'insights'
] as const;

/**
 * Public paths whose pages hold personal data or a link's secret, or are machine endpoints and
 * demo tools: a booking behind its token, a shared context's code and agent link, a callback's
 * withdrawal, the e-mail alert pages, the booking steps with the person's details, a draw entry.
 */
export const PRIVATE_PUBLIC_AREAS = [
	'api',
	'dev',
	'status/alerts',
	'booking',
	'help/shared',
	'help/callback-requested',
	'book/[^/]+/[^/]+/details',
	'book/[^/]+/[^/]+/check',
	'draw'
] as const;

const LOCALE_PREFIX = '(?:[a-z]{2}\\/)?';
const areas = (list: readonly string[]) => `(?:${list.join('|')})(?:\\/|$)`;

/** A back-office path, without the locale prefix. */
export const BACK_OFFICE = new RegExp(`^\\/${areas(BACK_OFFICE_AREAS)}`);

/** Any private path, with or without a locale prefix (`/en/booking/…`). */
export const PRIVATE_PATH = new RegExp(
	`^\\/${LOCALE_PREFIX}${areas([...BACK_OFFICE_AREAS, ...PRIVATE_PUBLIC_AREAS])}`
);

/** Never cached on a device: not by the browser, not by the service worker. */
export function isPrivatePath(pathname: string): boolean {
	return PRIVATE_PATH.test(pathname);
}

/** A response the device must not keep (`Cache-Control: no-store` or `private`). */
export function mustNotStore(cacheControl: string | null): boolean {
	return /(?:^|,)\s*(?:no-store|private)\s*(?:,|=|$)/i.test(cacheControl ?? '');
}
