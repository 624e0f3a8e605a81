import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SiteFooter from './SiteFooter.svelte';

describe('SiteFooter', () => {
	it('says whether the hotline is open and links to the help page', () => {
		const hotlineStatus = { open: true, text: 'Infolinka je teď otevřená, do 16:00.' };
		const { body } = render(SiteFooter, { props: { hotlineStatus } });
		expect(body).toContain(hotlineStatus.text);
		expect(body).toContain('site-footer__hotline--open');
		expect(body).toMatch(/href="\/help"/);
	});

	it('shows no hotline line where the page has none (back office, offline page)', () => {
		const { body } = render(SiteFooter, { props: { hotlineStatus: null } });
		expect(body).not.toContain('site-footer__hotline');
		expect(body).toMatch(/href="\/contact"/);
	});
});
