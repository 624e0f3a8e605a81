import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import {
	DEFAULT_DEADLINE_RULES,
	deadlineRules,
	ruleFor,
	type DeadlineRule
} from './legal-deadlines';
import { TYPE_CODES, type EventKind } from './proceeding-number';
import { deriveStatus, type ProceedingEvent } from './proceeding-status';

const DAY = 86_400_000;
const FILED = '2026-01-05';
const ev = (
	kind: EventKind,
	date: string,
	details: Record<string, string> | null = null
): ProceedingEvent => ({ kind, occurredAt: new Date(`${date}T09:00:00+01:00`), details });
/** Noon in Prague `n` calendar days after filing. */
const dayAfterFiling = (n: number) => new Date(Date.parse(`${FILED}T11:00:00Z`) + n * DAY);
const iso = (n: number) =>
	new Date(Date.parse(`${FILED}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const filed = (purpose?: string) => ev('filed', FILED, purpose ? { purpose } : null);

function clockOn(
	rule: Pick<DeadlineRule, 'typeCode' | 'purpose'>,
	day: number,
	complex = false,
	extra: ProceedingEvent[] = []
) {
	return deriveStatus(
		[filed(rule.purpose ?? undefined), ...extra],
		{ typeCode: rule.typeCode, complex },
		dayAfterFiling(day)
	).clock!;
}

describe('the decision time limit per proceeding type', () => {
	it('has a rule for every type code the lookup accepts', () => {
		for (const code of TYPE_CODES)
			expect(ruleFor(code, null, DEFAULT_DEADLINE_RULES)).not.toBeNull();
	});

	it.each(
		DEFAULT_DEADLINE_RULES.filter((r) => r.days !== null).map(
			(r) => [r.typeCode, r.purpose, r] as const
		)
	)('%s (%s): on time on the last day, late the day after', (_code, _purpose, rule) => {
		const last = clockOn(rule, rule.days!);
		expect(last).toMatchObject({
			limitDays: rule.days,
			basis: 'law',
			state: 'running',
			late: false,
			day: rule.days,
			dueDate: iso(rule.days!),
			legalReference: rule.legalReference,
			sourceUrl: rule.sourceUrl
		});
		expect(clockOn(rule, rule.days! + 1)).toMatchObject({ late: true, day: rule.days! + 1 });
	});

	it.each(
		DEFAULT_DEADLINE_RULES.filter((r) => r.complexDays !== null).map(
			(r) => [r.typeCode, r.purpose, r] as const
		)
	)('%s (%s): a complex case has its longer limit', (_code, _purpose, rule) => {
		expect(clockOn(rule, rule.days! + 1, true)).toMatchObject({
			limitDays: rule.complexDays,
			late: false
		});
		expect(clockOn(rule, rule.complexDays! + 1, true)).toMatchObject({ late: true });
	});

	it.each(
		DEFAULT_DEADLINE_RULES.filter((r) => r.days === null).map((r) => [r.typeCode, r] as const)
	)('%s: the meaning of the code is not public, so no limit and never late', (_code, rule) => {
		expect(rule.mapping).toBe('unknown');
		expect(clockOn(rule, 1000)).toMatchObject({
			limitDays: null,
			basis: 'none',
			late: false,
			dueDate: null,
			day: 1000
		});
	});

	it('family reunification on day 200 is not late (270 days), while a DP study case would be', () => {
		const family = clockOn({ typeCode: 'DP', purpose: 'family' }, 200);
		expect(family).toMatchObject({ limitDays: 270, late: false, day: 200, dueDate: iso(270) });
		expect(clockOn({ typeCode: 'DP', purpose: 'study' }, 200)).toMatchObject({
			limitDays: 60,
			late: true
		});
	});

	it('a DP proceeding without a purpose in the feed gets the general rule; the purpose may come on a later event', () => {
		expect(clockOn({ typeCode: 'DP', purpose: null }, 61)).toMatchObject({
			limitDays: 60,
			late: true
		});
		const later = deriveStatus(
			[filed(), ev('resumed', '2026-01-06', { purpose: 'family' })],
			{ typeCode: 'DP', complex: false },
			dayAfterFiling(200)
		).clock;
		expect(later).toMatchObject({ limitDays: 270, late: false });
	});

	it('an unknown purpose falls back to the type’s general rule', () => {
		expect(ruleFor('DP', 'tourism', DEFAULT_DEADLINE_RULES)?.purpose).toBeNull();
		expect(ruleFor('ZK', 'family', DEFAULT_DEADLINE_RULES)?.typeCode).toBe('ZK');
	});
});

describe('suspended periods', () => {
	const family = { typeCode: 'DP', complex: false };

	it('do not count: the due date moves by the days suspended', () => {
		const events = [
			filed('family'),
			ev('suspended', iso(100), { deadline: iso(140) }),
			ev('resumed', iso(130))
		];
		const s = deriveStatus(events, family, dayAfterFiling(290));
		expect(s.clock).toMatchObject({
			pausedDays: 30,
			day: 260,
			state: 'running',
			late: false,
			dueDate: iso(300)
		});
		expect(deriveStatus(events, family, dayAfterFiling(301)).clock).toMatchObject({ late: true });
	});

	it('while suspended, the clock is paused, never late, and shows the documents deadline, not a due date', () => {
		const s = deriveStatus(
			[filed('study'), ev('suspended', iso(50), { deadline: iso(80) })],
			family,
			dayAfterFiling(400)
		);
		expect(s.documentsDueDate).toBe(iso(80));
		expect(s.clock).toMatchObject({
			state: 'paused',
			day: 50,
			late: false,
			dueDate: null,
			pausedDays: 350
		});
	});

	it('two suspensions add up', () => {
		const s = deriveStatus(
			[
				filed('study'),
				ev('suspended', iso(10)),
				ev('resumed', iso(20)),
				ev('suspended', iso(30)),
				ev('resumed', iso(45))
			],
			family,
			dayAfterFiling(80)
		);
		expect(s.clock).toMatchObject({ pausedDays: 25, day: 55, late: false, dueDate: iso(85) });
	});

	it('after a suspension ends the office has at least 15 more days, even when less was left', () => {
		const events = [filed('study'), ev('suspended', iso(58)), ev('resumed', iso(90))];
		// 60 − 58 = 2 days were left; the due date is 15 days after resumption, not 2.
		const s = deriveStatus(events, family, dayAfterFiling(100));
		expect(s.clock).toMatchObject({ day: 68, late: false, dueDate: iso(105) });
		expect(deriveStatus(events, family, dayAfterFiling(106)).clock).toMatchObject({ late: true });
	});
});

describe("the office's own deadline in the feed", () => {
	it('wins over the table, later or earlier', () => {
		const later = deriveStatus(
			[ev('filed', FILED, { deadline: iso(120) })],
			{ typeCode: 'ZK', complex: false },
			dayAfterFiling(100)
		).clock;
		expect(later).toMatchObject({
			basis: 'office',
			late: false,
			dueDate: iso(120),
			legalReference: null
		});
		const earlier = deriveStatus(
			[filed(), ev('resumed', iso(1), { deadline: iso(30) })],
			{ typeCode: 'DP', complex: false },
			dayAfterFiling(31)
		).clock;
		expect(earlier).toMatchObject({ basis: 'office', late: true, dueDate: iso(30) });
	});

	it('applies also to a code with no known limit', () => {
		const s = deriveStatus(
			[ev('filed', FILED, { deadline: iso(10) })],
			{ typeCode: 'VP', complex: false },
			dayAfterFiling(11)
		);
		expect(s.clock).toMatchObject({ basis: 'office', late: true, limitDays: null });
	});

	it('a deadline on a suspension is the documents deadline, not the office’s', () => {
		const s = deriveStatus(
			[filed('study'), ev('suspended', iso(5), { deadline: iso(20) }), ev('resumed', iso(6))],
			{ typeCode: 'DP', complex: false },
			dayAfterFiling(30)
		);
		expect(s.clock).toMatchObject({ basis: 'law', dueDate: iso(61) });
	});
});

describe('configuration', () => {
	it('replaces a default rule or adds one from PROCEEDING_DEADLINES', () => {
		const override: DeadlineRule = {
			...DEFAULT_DEADLINE_RULES.find((r) => r.typeCode === 'VP')!,
			days: 30,
			mapping: 'inferred'
		};
		const rules = deadlineRules([override]);
		expect(ruleFor('VP', null, rules)?.days).toBe(30);
		expect(rules).toHaveLength(DEFAULT_DEADLINE_RULES.length);
		const config = loadConfig({ PROCEEDING_DEADLINES: JSON.stringify([override]) });
		expect(ruleFor('VP', null, config.proceedingDeadlines)?.days).toBe(30);
		const s = deriveStatus(
			[filed()],
			{ typeCode: 'VP', complex: false },
			dayAfterFiling(31),
			rules
		);
		expect(s.clock).toMatchObject({ limitDays: 30, late: true });
	});

	it('refuses a bad rule with a message that names the field', () => {
		expect(() => loadConfig({ PROCEEDING_DEADLINES: '[{"typeCode":"XX"}]' })).toThrow(
			/PROCEEDING_DEADLINES: 0\.typeCode/
		);
		expect(() => loadConfig({ PROCEEDING_DEADLINES: 'nope' })).toThrow(/not valid JSON/);
	});
});
