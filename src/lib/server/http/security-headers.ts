import type { Handle } from '@sveltejs/kit';
import { isPrivatePath } from '$lib/private-paths';

/** Headers Kit's CSP config does not set. Applied to every response, pages and API alike. */
export const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	// The camera is for the branch counter's QR check-in; nothing else is needed.
	'Permissions-Policy':
		'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'
};

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Private pages (one list: private-paths.ts) and every answer to a form post — which may echo
	// a proceeding number or a date of birth — are never stored on the device.
	if (isPrivatePath(event.url.pathname) || event.request.method === 'POST') {
		response.headers.set('cache-control', 'private, no-store');
	}
	if (event.url.protocol === 'https:') {
		response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	return response;
};
