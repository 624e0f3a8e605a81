import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { formatContextCode } from '$lib/server/escalation/context-code';
import { sharedContext, withdrawContext } from '$lib/server/escalation/contexts.service';
import { telLink } from '$lib/server/escalation/tel-link';
import {
	formatPhoneNumber,
	hotlineStatusFor,
	linesInLanguageFirst
} from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { CONTEXT_COOKIE } from '$lib/server/http/private-cookies';
import { getConfig } from '$lib/server/config';

const WITHDRAW_FORM = v.object({ token: text(40) });

export const load: PageServerLoad = async ({ cookies, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const [code = '', token = ''] = (cookies.get(CONTEXT_COOKIE) ?? '').split('.');
	const at = now();
	const shared = token ? await sharedContext(token, at) : null;
	if (!shared || shared.code !== code) return { shared: null, lineStatus: null };
	const hotline = await currentHotline();
	const { publicOrigin } = getConfig();
	const lines = linesInLanguageFirst(hotline.lines, locals.locale);
	return {
		// Open now, or when it opens: a code made at night is not for calling now.
		lineStatus: hotlineStatusFor(hotline, locals.locale, at),
		shared: {
			code: formatContextCode(shared.code),
			token,
			expiresAt: shared.expiresAt,
			// The device counts from its own clock (which may be off) how long the code is valid.
			validSeconds: Math.floor((shared.expiresAt.getTime() - at.getTime()) / 1000),
			link: `${publicOrigin}/agent/c/${token}`,
			dial: lines.map((line) => ({
				href: telLink(line.number, shared.code),
				display: formatPhoneNumber(line.number)
			}))
		}
	};
};

export const actions: Actions = {
	// From this page or from /my (the token is kept on the device): consent withdrawn at once.
	withdraw: async (event) => {
		const { cookies } = event;
		const form = await readFormWith(event, WITHDRAW_FORM);
		const token = form.values.token;
		const withdrawn = form.ok ? await withdrawContext(token, now()) : false;
		if ((cookies.get(CONTEXT_COOKIE) ?? '').endsWith(`.${token}`))
			cookies.delete(CONTEXT_COOKIE, { path: '/' });
		return { withdrawn, token };
	}
};
