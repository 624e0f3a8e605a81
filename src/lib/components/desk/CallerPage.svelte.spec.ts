import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { stageTexts } from '$lib/proceeding-messages';
import type { ContextView } from '$lib/server/escalation/agent-console.service';
import { staffText } from '$lib/staff-text';
import CallerPage from './CallerPage.svelte';

const text = staffText('cs');

describe('CallerPage', () => {
	it('without a shared context: says that nothing was shared (a call or callback without one)', () => {
		const { body } = render(CallerPage, { props: { context: null } });
		expect(body).toContain(text.caseNothingShared);
		expect(body).not.toContain('<table');
	});

	it('a proceeding: each part of its stage as the caller reads it, beside the agent’s language', () => {
		const context = {
			locale: 'uk',
			checklist: null,
			bookingDraft: null,
			proceeding: { number: 'OAM-51727-4/DP-2025', status: { stage: 'suspended' } }
		} as unknown as ContextView;
		const { body } = render(CallerPage, { props: { context } });
		expect(body).toContain('OAM-51727-4/DP-2025');
		expect(body).toContain(`<td lang="uk">${stageTexts('suspended', 'uk').title}</td>`);
		expect(body).toContain(`<td>${stageTexts('suspended', 'cs').title}</td>`);
		expect(body).not.toContain(text.caseNothingShared);
	});
});
