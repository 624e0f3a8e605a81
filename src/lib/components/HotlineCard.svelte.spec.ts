import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import HotlineCard from './HotlineCard.svelte';

const hotline = {
	open: false,
	statusText: 'Infolinka je teď zavřená. Otevírá pondělí 30. 11. 8:00.',
	lines: [
		{
			display: '+420 974 801 801',
			dial: '+420974801801',
			languages: 'čeština, angličtina',
			state: null,
			ownHours: null
		},
		{
			display: '+420 974 801 802',
			dial: '+420974801802',
			languages: 'ukrajinština',
			state: null,
			ownHours: null
		}
	],
	hours: [
		{ day: 'pondělí', text: '08:00–16:00' },
		{ day: 'sobota', text: 'zavřeno' }
	]
};

describe('HotlineCard', () => {
	it('renders a one-tap call link per official line, with the languages it answers in', () => {
		const { body } = render(HotlineCard, { props: { hotline } });
		expect(body).toContain('href="tel:+420974801801"');
		expect(body).toContain('href="tel:+420974801802"');
		expect(body).toContain('+420 974 801 802');
		expect(body).toContain('ukrajinština');
		expect(body).toContain(hotline.statusText);
		expect(body).not.toContain('hotline__state--open');
		expect(body).not.toContain('<dl');
	});

	it('shows the weekly hours only where asked', () => {
		const { body } = render(HotlineCard, {
			props: { hotline: { ...hotline, open: true }, showHours: true }
		});
		expect(body).toContain('hotline__state--open');
		expect(body).toMatch(/<dt>pondělí<\/dt>\s*<dd>08:00–16:00<\/dd>/);
		expect(body).toMatch(/<dt>sobota<\/dt>\s*<dd>zavřeno<\/dd>/);
	});

	it('a line with hours of its own shows its own state and its own week', () => {
		const ukrainian = {
			...hotline.lines[1]!,
			state: { open: true, text: 'Linka je otevřená do 17:00.' },
			ownHours: [{ day: 'pátek', text: '09:00–17:00' }]
		};
		const props = { hotline: { ...hotline, lines: [hotline.lines[0]!, ukrainian] } };
		const { body } = render(HotlineCard, { props: { ...props, showHours: true } });
		expect(body).toContain('Linka je otevřená do 17:00.');
		expect(body).toContain('+420 974 801 802</h3>');
		expect(body).toMatch(/<dt>pátek<\/dt>\s*<dd>09:00–17:00<\/dd>/);
		// Not on the precached offline page, where "open now" would be stale.
		const offline = render(HotlineCard, {
			props: { ...props, showHours: true, showStatus: false }
		});
		expect(offline.body).not.toContain('Linka je otevřená do 17:00.');
		expect(offline.body).toMatch(/<dt>pátek<\/dt>/);
	});
});
