import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appDatabaseReady } from '$lib/server/db/start';
import { isDraining } from '$lib/server/shutdown';

/**
 * Readiness: the database answers and the instance is not shutting down; 503 tells the load
 * balancer to send traffic elsewhere (shutdown.ts).
 */
export const GET: RequestHandler = async () => {
	const ready = !isDraining() && (await appDatabaseReady());
	return json(
		{ status: ready ? 'ready' : 'unavailable' },
		{ status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
