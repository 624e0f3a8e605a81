import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { formatContextCode } from '$lib/server/escalation/context-code';
import { sharedContext, withdrawContext } from '$lib/server/escalation/contexts.service';
import { telLink } from '$lib/server/escalation/tel-link';
import { formatPhoneNumber } from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import { formText } from '$lib/server/http/form';
import { CONTEXT_COOKIE } from '$lib/server/http/private-cookies';
import { getConfig } from '$lib/server/config';

export const load: PageServerLoad = async ({ cookies, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const [code = '', token = ''] = (cookies.get(CONTEXT_COOKIE) ?? '').split('.');
	const at = now();
	const shared = token ? await sharedContext(token, at) : null;
	if (!shared || shared.code !== code) return { shared: null };
	const hotline = await currentHotline();
	const { publicOrigin } = getConfig();
	// The line that answers in the person's language first, then the others.
	const lines = [...hotline.lines].sort(
		(a, b) =>
			Number(b.languages.includes(locals.locale)) - Number(a.languages.includes(locals.locale))
	);
	return {
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
	withdraw: async ({ request, cookies }) => {
		const token = formText(await request.formData(), 'token', 40);
		const withdrawn = await withdrawContext(token, now());
		if ((cookies.get(CONTEXT_COOKIE) ?? '').endsWith(`.${token}`))
			cookies.delete(CONTEXT_COOKIE, { path: '/' });
		return { withdrawn, token };
	}
};
