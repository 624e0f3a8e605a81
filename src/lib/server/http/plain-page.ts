// A complete, translated page without the layout, for answers given before (or instead of) the
// page's own rendering: shedding load, an unreadable form, the database out of reach. Enhanced
// forms (`x-sveltekit-action`) get the JSON their script expects instead.
import type { RequestEvent } from '@sveltejs/kit';

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

export interface PlainPage {
	status: number;
	locale: string;
	title: string;
	text: string;
	back: { href: string; label: string };
	headers?: Record<string, string>;
}

export function plainPage(page: PlainPage): Response {
	const title = escapeHtml(page.title);
	const html = `<!doctype html>
<html lang="${page.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${escapeHtml(page.text)}</p><p><a href="${escapeHtml(page.back.href)}">${escapeHtml(page.back.label)}</a></p></main></body>
</html>`;
	return new Response(html, {
		status: page.status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
			...page.headers
		}
	});
}

/** The same refusal for an enhanced form's fetch: Kit's action result of type `error`. */
export function plainRefusal(event: Pick<RequestEvent, 'request'>, page: PlainPage): Response {
	if (event.request.headers.get('x-sveltekit-action') !== 'true') return plainPage(page);
	return new Response(
		JSON.stringify({ type: 'error', status: page.status, error: { message: page.title } }),
		{
			status: page.status,
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...page.headers }
		}
	);
}
