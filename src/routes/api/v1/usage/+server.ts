import type { RequestHandler } from './$types';
import { recordClientEvent } from '$lib/server/insights/insights.service';

/** Anonymous events that happen only in the browser (saving on the device). Always 204. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = (await request.json().catch(() => null)) as unknown;
	recordClientEvent(body, locals.locale);
	return new Response(null, { status: 204 });
};
