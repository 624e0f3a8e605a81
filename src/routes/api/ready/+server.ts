import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appDatabaseReady } from '$lib/server/db/start';

/** Readiness: the database answers; 503 tells the load balancer to send traffic elsewhere. */
export const GET: RequestHandler = async () => {
	const ready = await appDatabaseReady();
	return json(
		{ status: ready ? 'ready' : 'unavailable' },
		{ status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
