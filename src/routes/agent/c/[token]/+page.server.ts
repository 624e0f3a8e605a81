import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { openContextByToken } from '$lib/server/escalation/agent-console.service';
import { asStaff, staffLocale, staffRedirect } from '$lib/server/http/staff-session';

/**
 * A link a caller shared: opens their context and goes on to its case. The token is in the
 * path, so the request log records the route id only (request-log.ts).
 */
export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const result = await openContextByToken(
			actor,
			event.params.token,
			now(),
			staffLocale(event.locals)
		);
		if (result.kind === 'opened')
			staffRedirect(event.locals, `/agent/case/${result.context.case.id}`);
		// The refusal's kind only; +error.svelte words it.
		error(result.kind === 'not_found' ? 404 : 410, result.kind);
	});
