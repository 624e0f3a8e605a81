import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { now } from '$lib/server/clock';
import {
	ImportFailedError,
	importEvents,
	type ImportResult,
	isFeedAuthorized,
	MAX_BATCH_BYTES,
	MAX_BATCH_LINES
} from '$lib/server/proceedings/import.service';
import { getConfig } from '$lib/server/config';

// Not text/plain: Kit's origin check treats it as a form post and refuses it without an Origin
// header, which a server-to-server feed does not send.
const MEDIA_TYPES = new Set(['application/x-ndjson', 'application/jsonl']);
const NO_STORE = { 'cache-control': 'no-store' };

type Body = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

/** Past the limit the rest is read and dropped (not kept), up to this much, so the 413 arrives. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads at most `limit` bytes, so an oversized batch is refused without being held in memory.
 * The rest of an oversized body is read and dropped rather than cancelled: cancelling destroys
 * the socket (adapter-node), and the sender would see a reset instead of the 413.
 */
async function readBody(request: Request, limit: number): Promise<Body> {
	const tooLarge: Body = { ok: false, status: 413, error: 'too_large' };
	if (Number(request.headers.get('content-length')) > limit) return tooLarge;
	if (!request.body) return { ok: true, text: '' };
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit + DRAIN_LIMIT) {
				await reader.cancel().catch(() => {});
				return tooLarge;
			}
			if (size <= limit) parts.push(value);
		}
		if (size > limit) return tooLarge;
	} catch (e) {
		// adapter-node errors the stream with a 413 past its BODY_SIZE_LIMIT.
		return (e as { status?: number }).status === 413
			? tooLarge
			: { ok: false, status: 400, error: 'unreadable_body' };
	}
	try {
		return {
			ok: true,
			text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts))
		};
	} catch {
		return { ok: false, status: 400, error: 'not_utf8' };
	}
}

/** The internal system's event feed: JSON lines, all applied or none (import.service.ts). */
export const POST: RequestHandler = async ({ request }) => {
	const key = getConfig().importApiKey;
	if (!key) error(404, 'Not Found');
	if (!isFeedAuthorized(request.headers.get('authorization'), key)) {
		return json(
			{ ok: false, error: 'unauthorized' },
			{ status: 401, headers: { ...NO_STORE, 'www-authenticate': 'Bearer' } }
		);
	}
	const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
	if (!mediaType || !MEDIA_TYPES.has(mediaType)) {
		return json(
			{ ok: false, error: 'unsupported_media_type', accepted: [...MEDIA_TYPES] },
			{ status: 415, headers: NO_STORE }
		);
	}

	const body = await readBody(request, MAX_BATCH_BYTES);
	if (!body.ok) {
		const limits =
			body.status === 413 ? { maxBytes: MAX_BATCH_BYTES, maxLines: MAX_BATCH_LINES } : {};
		return json(
			{ ok: false, error: body.error, ...limits },
			{ status: body.status, headers: NO_STORE }
		);
	}

	let result: ImportResult;
	try {
		result = await importEvents(body.text, now());
	} catch (e) {
		if (!(e instanceof ImportFailedError)) throw e;
		// Refused for what it holds: resending cannot help (lines the checks name are 400 above).
		if (e.permanent)
			return json({ ok: false, error: 'refused_by_database' }, { status: 400, headers: NO_STORE });
		// Nothing was stored; the same batch can simply be sent again.
		return json(
			{ ok: false, error: 'try_again' },
			{ status: 503, headers: { ...NO_STORE, 'retry-after': '10' } }
		);
	}
	switch (result.status) {
		case 'applied':
			return json(result.report, { headers: NO_STORE });
		case 'invalid':
			// Permanent: the same batch is refused again, so a retrying sender must fix it first.
			return json(result.report, { status: 400, headers: NO_STORE });
		case 'rejected':
			return json(
				{ ok: false, error: result.error, maxBytes: MAX_BATCH_BYTES, maxLines: MAX_BATCH_LINES },
				{ status: 413, headers: NO_STORE }
			);
	}
};
