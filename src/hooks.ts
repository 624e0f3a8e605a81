import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** `/uk/status` and `/status` are the same route; the prefix only chooses the language. */
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
