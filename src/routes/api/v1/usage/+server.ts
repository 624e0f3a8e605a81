import type { RequestHandler } from './$types';
import { recordClientEvent } from '$lib/server/insights/insights.service';

/** Anonymous events that happen only in the browser (saving on the device). Always 204. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = (await request.json().catch(() => null)) as unknown;
	recordClientEvent(body, locals.locale);
	return new Response(null, { status: 204 });
};

/**
 * The same for pages read without JavaScript: a 1×1 image in <noscript> reports what the
 * script would have sent (`?kind=…&checklist=…`).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	recordClientEvent(Object.fromEntries(url.searchParams), locals.locale);
	return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
