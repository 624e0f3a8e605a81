import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { newChallenge } from '$lib/server/security/proof-of-work';
import { getConfig } from '$lib/server/config';

/** A fresh proof-of-work challenge for the booking widget; never cached. */
export const GET: RequestHandler = async () => {
	const { appSecret, proofOfWork } = getConfig();
	return json(newChallenge(appSecret, proofOfWork), {
		headers: { 'cache-control': 'no-store' }
	});
};
