import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db';
import { databaseReady } from '$lib/server/db/start';

/** Readiness: the database answers; 503 tells the load balancer to send traffic elsewhere. */
export const GET: RequestHandler = async () => {
	const ready = await databaseReady(getDatabase());
	return json(
		{ status: ready ? 'ready' : 'unavailable' },
		{ status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
