import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { latestMessages } from '$lib/server/mail/outbox.service';
import { getConfig } from '$lib/server/config';

type Part = { text: string } | { href: string };

/** Plain text with its http(s) links made clickable. */
function parts(text: string): Part[] {
	return text
		.split(/(https?:\/\/[^\s<>"]+)/)
		.filter((p) => p !== '')
		.map((p) => (/^https?:\/\//.test(p) ? { href: p } : { text: p }));
}

// The outbox holds addresses and live confirmation links: a demo tool, absent in production.
export const load: PageServerLoad = async ({ setHeaders }) => {
	if (getConfig().mode !== 'demo') error(404, 'Not Found');
	setHeaders({ 'cache-control': 'no-store' });
	const messages = await latestMessages(50);
	return {
		messages: messages.map((message) => ({
			id: message.id,
			to: message.to,
			subject: message.subject,
			createdAt: message.createdAt.toISOString(),
			sent: message.sentAt !== null,
			body: parts(message.text)
		}))
	};
};
