// The analysts' view of the anonymous counts: one set of sections for any period and filters,
// and the yearly report that compares a year with the one before. Analysts and admins only;
// every view is audited. Reads the daily rollups only (docs/adr/0011).
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { insightsText, type InsightsText } from '../../insights-text';
import { pragueDate } from '../../time/prague';
import { TOPICS } from '../escalation/taxonomy';
import { currentHotline } from '../escalation/hotline-settings.service';
import { previousYearOf, yearPeriod, type Period } from './period';
import {
	branchAndServiceSlugs,
	callbackTimes,
	checklistSlugs,
	lateByMonth,
	nextFreeByBranch,
	sumUsage,
	topSearchTerms,
	unitCostRows,
	upsertUnitCosts,
	WAITLIST_WEEKS,
	waitlistTrend,
	weeklySearches,
	weeklyUsage,
	type CountRow,
	type Range,
	type UsageFilters
} from './report.repository';
import { refreshRollupsFor } from './rollup.service';
import { SPIKE_RULE, spikeTest } from './statistics';

export const LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;
export const TASKS = ['booking', 'status', 'checklist', 'hotline'] as const;
export const COST_CHANNELS = ['web', 'hotline', 'branch'] as const;

export interface Filters {
	branch: string | null;
	service: string | null;
	locale: string | null;
}

export type Cell = string | number;

export interface Table {
	id: string;
	title: string;
	note?: string;
	header: string[];
	rows: Cell[][];
	/** How the page draws it: bars of the first numeric column, or a weekday × hour grid. */
	chart?: 'bar' | 'heatmap';
}

export interface Signal {
	text: string;
	/** The id of the table that holds the numbers. */
	table: string;
}

export interface Section {
	id: 'performance' | 'hotline' | 'needs' | 'signals' | 'satisfaction';
	title: string;
	lead?: string;
	signals?: Signal[];
	tables: Table[];
}

/** Checklists that answer each hotline topic; a topic none of whose checklists exists is a gap. */
export const TOPIC_CHECKLISTS: Record<(typeof TOPICS)[number], string[]> = {
	residence_permit: ['long-term-extension', 'permanent-residence', 'long-term-study'],
	employee_card: ['employee-card', 'eu-blue-card'],
	biometrics: ['biometrics-appointment', 'residence-card-pickup'],
	booking: [],
	documents: ['report-change', 'registration-after-arrival'],
	fees: [],
	status_delay: [],
	temporary_protection: ['temporary-protection-extension'],
	family: ['family-reunification'],
	other: []
};

const pct = (part: number, whole: number) =>
	whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '—';
const label = (map: Record<string, string>, key: string) => map[key] ?? key;
const sum = (rows: CountRow[]) => rows.reduce((a, r) => a + r.count, 0);
const countOf = (rows: CountRow[], ...keys: string[]) =>
	rows.filter((r) => keys.every((k, i) => r.keys[i] === k)).reduce((a, r) => a + r.count, 0);
const czk = (halere: number) => (halere / 100).toFixed(2);

async function performanceSection(
	t: InsightsText,
	range: Range,
	f: UsageFilters
): Promise<Section> {
	const bookings = await sumUsage(range, ['booking'], ['facet:step', 'facet:channel'], f);
	const confirmed = bookings.filter((r) => r.keys[0] === 'confirmed');
	const byChannel = COST_CHANNELS.map((c) => ({
		channel: c,
		count: countOf(confirmed, 'confirmed', c)
	}));
	const totalConfirmed = sum(confirmed);
	const held = countOf(bookings, 'held');
	const lookups = await sumUsage(range, ['status_lookup'], ['facet:outcome'], f);
	const satisfaction = await sumUsage(range, ['satisfaction'], ['facet:task', 'facet:score'], f);
	const answers = sum(satisfaction);
	const satisfied = satisfaction
		.filter((r) => Number(r.keys[1]) >= 4)
		.reduce((a, r) => a + r.count, 0);
	const costs = new Map((await unitCostRows()).map((c) => [c.channel, c.costHalere]));
	const totalCost = byChannel.reduce((a, c) => a + c.count * (costs.get(c.channel) ?? 0), 0);
	const allCostsSet = COST_CHANNELS.every((c) => costs.has(c));
	return {
		id: 'performance',
		title: t.sections.performance,
		tables: [
			{
				id: 'kpi',
				title: t.tables.kpi,
				header: [t.col.measure, t.col.value, t.col.bar],
				rows: [
					[t.kpi.takeUp, pct(byChannel[0]?.count ?? 0, totalConfirmed), '> 79 %'],
					[t.kpi.completion, pct(countOf(confirmed, 'confirmed'), held), '> 80 %'],
					[t.kpi.satisfaction, pct(satisfied, answers), '> 78 %'],
					[
						t.kpi.cost,
						allCostsSet && totalConfirmed > 0 ? czk(totalCost / totalConfirmed) : t.notSet,
						'—'
					]
				]
			},
			{
				id: 'take-up',
				title: t.tables.takeUp,
				header: [t.col.channel, t.col.count, t.col.share],
				rows: byChannel.map((c) => [
					label(t.labels.channel, c.channel),
					c.count,
					pct(c.count, totalConfirmed)
				]),
				chart: 'bar'
			},
			{
				id: 'funnel',
				title: t.tables.funnel,
				header: [t.col.step, t.col.count],
				rows: (['held', 'confirmed', 'cancelled', 'rescheduled'] as const).map((s) => [
					label(t.labels.step, s),
					countOf(bookings, s)
				]),
				chart: 'bar'
			},
			{
				id: 'lookups',
				title: t.tables.lookups,
				header: [t.col.outcome, t.col.count],
				rows: ['found', 'not_found', 'throttled', 'invalid'].map((o) => [
					label(t.labels.lookup, o),
					countOf(lookups, o)
				]),
				chart: 'bar'
			},
			{
				id: 'satisfaction',
				title: t.tables.satisfaction,
				header: [t.col.task, t.col.answers, t.col.mean, t.col.satisfied],
				rows: TASKS.map((task) => {
					const rows = satisfaction.filter((r) => r.keys[0] === task);
					const n = sum(rows);
					const mean = n > 0 ? rows.reduce((a, r) => a + Number(r.keys[1]) * r.count, 0) / n : 0;
					const good = rows.filter((r) => Number(r.keys[1]) >= 4).reduce((a, r) => a + r.count, 0);
					return [label(t.labels.task, task), n, n > 0 ? mean.toFixed(2) : '—', pct(good, n)];
				}),
				chart: 'bar'
			},
			{
				id: 'cost',
				title: t.tables.cost,
				header: [t.col.channel, t.col.bookings, t.col.unitCost, t.col.totalCost],
				rows: byChannel.map((c) => {
					const unit = costs.get(c.channel);
					return [
						label(t.labels.channel, c.channel),
						c.count,
						unit === undefined ? t.notSet : czk(unit),
						unit === undefined ? '—' : czk(unit * c.count)
					];
				})
			}
		]
	};
}

async function hotline(t: InsightsText, range: Range, f: UsageFilters): Promise<Section> {
	const created = await sumUsage(
		range,
		['escalation_created'],
		['isodow', 'facet:hour', 'locale', 'facet:channel'],
		f
	);
	const hours = await currentHotline();
	const open = (weekday: number, hour: number) =>
		(hours.hours[String(weekday) as keyof typeof hours.hours] ?? []).some(
			([from, to]: [string, string]) => {
				const start = Number(from.slice(0, 2));
				const end = Number(to.slice(0, 2)) + (to.slice(3) === '00' ? 0 : 1);
				return hour >= start && hour < end;
			}
		);
	const usedHours = created.map((r) => Number(r.keys[1]));
	const firstHour = Math.min(7, ...usedHours);
	const lastHour = Math.max(17, ...usedHours);
	const hourList = Array.from({ length: lastHour - firstHour + 1 }, (_, i) => firstHour + i);
	const outcomes = await sumUsage(
		range,
		['escalation_outcome'],
		['facet:topic', 'facet:outcome'],
		f
	);
	const callbacks = await sumUsage(range, ['callback'], ['facet:step', 'facet:outcome'], f);
	const times = await callbackTimes(range);
	return {
		id: 'hotline',
		title: t.sections.hotline,
		tables: [
			{
				id: 'heatmap',
				title: t.tables.heatmap,
				note: t.heatmapNote,
				header: [t.col.weekday, ...hourList.map((h) => `${String(h).padStart(2, '0')}`)],
				rows: [1, 2, 3, 4, 5, 6, 7].map((d) => [
					t.labels.weekday[d - 1] ?? String(d),
					...hourList.map((h) => {
						const n = countOf(created, String(d), String(h));
						return open(d, h) ? n : `${n}*`;
					})
				]),
				chart: 'heatmap'
			},
			{
				id: 'hotline-channels',
				title: t.tables.hotlineChannels,
				header: [t.col.channel, t.col.contacts],
				rows: ['call', 'callback'].map((c) => [
					label(t.labels.channel, c),
					created.filter((r) => r.keys[3] === c).reduce((a, r) => a + r.count, 0)
				])
			},
			{
				id: 'hotline-languages',
				title: t.tables.hotlineLanguages,
				header: [t.col.language, t.col.contacts],
				rows: LOCALES.map((l) => [
					l,
					created.filter((r) => r.keys[2] === l).reduce((a, r) => a + r.count, 0)
				]),
				chart: 'bar'
			},
			{
				id: 'topics',
				title: t.tables.topics,
				header: [t.col.topic, t.col.cases],
				rows: [...TOPICS, 'none'].map((topic) => [
					label(t.labels.topic, topic),
					countOf(outcomes, topic)
				]),
				chart: 'bar'
			},
			{
				id: 'outcomes',
				title: t.tables.outcomes,
				header: [t.col.outcome, t.col.cases],
				rows: Object.keys(t.labels.outcome).map((o) => [
					label(t.labels.outcome, o),
					outcomes.filter((r) => r.keys[1] === o).reduce((a, r) => a + r.count, 0)
				])
			},
			{
				id: 'callbacks',
				title: t.tables.callbacks,
				note: t.callbacksNote,
				header: [t.col.measure, t.col.value],
				rows: [
					[t.callbacks.requested, countOf(callbacks, 'requested')],
					[t.callbacks.waiting, times.waiting],
					[t.callbacks.handled, times.handled],
					[t.callbacks.median, times.medianMinutes ?? '—'],
					[t.callbacks.p90, times.p90Minutes ?? '—']
				]
			}
		]
	};
}

async function needs(t: InsightsText, range: Range, f: UsageFilters): Promise<Section> {
	const top = await topSearchTerms(range, f.locale ?? null, 10, false);
	const zero = await topSearchTerms(range, f.locale ?? null, 10, true);
	const uses = await sumUsage(range, ['checklist_use'], ['facet:checklist', 'facet:step'], f);
	const shares = await sumUsage(range, ['escalation_created'], ['facet:checklist'], f, {
		area: 'checklists'
	});
	const slugs = await checklistSlugs();
	const checklistRows = slugs
		.map((slug) => {
			const views = countOf(uses, slug, 'viewed');
			const calls = countOf(shares, slug);
			return {
				slug,
				views,
				prints: countOf(uses, slug, 'printed'),
				calls,
				per: views > 0 ? (1000 * calls) / views : 0
			};
		})
		.sort((a, b) => b.per - a.per || b.views - a.views);
	const topics = await sumUsage(range, ['escalation_outcome'], ['facet:topic'], f);
	const existing = new Set(slugs);
	const gaps = TOPICS.filter(
		(topic) => topic !== 'other' && !TOPIC_CHECKLISTS[topic].some((s) => existing.has(s))
	);
	return {
		id: 'needs',
		title: t.sections.needs,
		tables: [
			{
				id: 'top-searches',
				title: t.tables.topSearches,
				header: [t.col.language, t.col.term, t.col.searches, t.col.zero],
				rows: top.map((r) => [r.locale, r.term, r.searches, r.zeroResults])
			},
			{
				id: 'zero-searches',
				title: t.tables.zeroSearches,
				header: [t.col.language, t.col.term, t.col.zero],
				rows: zero.map((r) => [r.locale, r.term, r.zeroResults])
			},
			{
				id: 'checklists',
				title: t.tables.checklists,
				header: [t.col.checklist, t.col.views, t.col.prints, t.col.shared, t.col.per1000],
				rows: checklistRows.map((r) => [
					r.slug,
					r.views,
					r.prints,
					r.calls,
					r.views > 0 ? r.per.toFixed(1) : '—'
				])
			},
			{
				id: 'topics-without-checklist',
				title: t.tables.topicsWithoutChecklist,
				header: [t.col.topic, t.col.cases],
				rows: gaps.map((topic) => [label(t.labels.topic, topic), countOf(topics, topic)])
			}
		]
	};
}

const WEEKS = SPIKE_RULE.baselineWeeks + 1;

function spikesOf(series: { key: string; week: number; count: number }[]) {
	const byKey = new Map<string, number[]>();
	for (const r of series) {
		const weeks = byKey.get(r.key) ?? new Array<number>(WEEKS).fill(0);
		weeks[r.week] = (weeks[r.week] ?? 0) + r.count;
		byKey.set(r.key, weeks);
	}
	return [...byKey.entries()]
		.map(([key, weeks]) => ({
			key,
			...spikeTest(weeks[WEEKS - 1] ?? 0, weeks.slice(0, WEEKS - 1))
		}))
		.filter((s) => s.fires);
}

async function signals(
	t: InsightsText,
	range: Range,
	f: UsageFilters,
	now: Date
): Promise<Section> {
	const today = pragueDate(now);
	const lastDay = range.to < today ? range.to : today;
	const topicSpikes = spikesOf(await weeklyUsage(lastDay, WEEKS, 'escalation_outcome', 'topic'));
	const searchSpikes = spikesOf(await weeklySearches(lastDay, WEEKS, f.locale ?? null));
	const spikeRows = [
		...topicSpikes.map((s) => ({ what: `${t.hotlineTopic}: ${label(t.labels.topic, s.key)}`, s })),
		...searchSpikes.map((s) => ({
			what: `${t.searchTerm} (${s.key.split(':')[0]}): „${s.key.slice(s.key.indexOf(':') + 1)}“`,
			s
		}))
	];
	// Late proceedings come from the daily snapshots (docs/adr/0014), never from every proceeding.
	const trend = await lateByMonth(range);
	const lateMonths = [...new Set(trend.map((r) => r.month))];
	const lateTypes = [...new Set(trend.map((r) => r.typeCode))].filter((c) => c !== '*').sort();
	const lateIn = (month: string | undefined, type: string) =>
		trend.find((r) => r.month === month && r.typeCode === type)?.late ?? 0;
	const firstMonth = lateMonths[0];
	const lastMonth = lateMonths[lateMonths.length - 1];
	const late = new Map(
		lateTypes.map((type) => [type, lateIn(lastMonth, type)] as const).filter(([, n]) => n > 0)
	);
	const lateRising =
		firstMonth !== undefined &&
		lastMonth !== undefined &&
		firstMonth !== lastMonth &&
		lateIn(lastMonth, '*') > lateIn(firstMonth, '*');
	const nextFree = (await nextFreeByBranch(now, f))
		.map((r) => ({
			...r,
			days: r.nextFree ? Math.floor((r.nextFree.getTime() - now.getTime()) / 86_400_000) : null
		}))
		.filter((r) => r.days === null || r.days > 30);
	const waitlists = (await waitlistTrend(now, f)).map((w) => ({
		...w,
		waiting: w.weekly[w.weekly.length - 1] ?? 0,
		// Growing: higher now than 4 weeks ago, and lower in no week on the way.
		growing:
			w.weekly[w.weekly.length - 1]! > w.weekly[0]! &&
			w.weekly.every((n, i) => i === 0 || n >= w.weekly[i - 1]!)
	}));
	const counter = await sumUsage(range, ['counter'], ['facet:branch', 'facet:step'], f);
	const branches = [...new Set(counter.map((r) => r.keys[0]))].sort();
	const noShows = branches.map((b) => {
		const arrived = countOf(counter, b, 'arrived');
		const missed = countOf(counter, b, 'no_show');
		return { b, arrived, missed, rate: arrived + missed > 0 ? missed / (arrived + missed) : 0 };
	});
	const refused = await sumUsage(range, ['booking_refused'], ['facet:reason'], f);
	const flags = await sumUsage(range, ['problem_flagged'], ['facet:flag'], f);
	const bot = countOf(refused, 'proof') + countOf(refused, 'throttled');
	const list: Signal[] = [
		...spikeRows.map(({ what, s }) => ({
			text: t.signalSpike(what, s.count, s.baseline, s.pValue.toExponential(1)),
			table: 'spikes'
		})),
		...[...late.entries()].map(([type, n]) => ({ text: t.signalLate(type, n), table: 'late' })),
		...(lateRising
			? [
					{
						text: t.signalLateTrend(
							firstMonth,
							lastMonth,
							lateIn(firstMonth, '*'),
							lateIn(lastMonth, '*')
						),
						table: 'late-trend'
					}
				]
			: []),
		...nextFree.map((r) => ({
			text: t.signalNextFree(r.branchName, r.service, r.days),
			table: 'next-free'
		})),
		...waitlists
			.filter((w) => w.growing)
			.map((w) => ({
				text: t.signalWaitlist(w.branch, w.service, w.weekly[0]!, w.waiting),
				table: 'waitlists'
			})),
		...noShows
			.filter((n) => n.arrived + n.missed >= 20 && n.rate > 0.15)
			.map((n) => ({
				text: t.signalNoShow(n.b, pct(n.missed, n.arrived + n.missed)),
				table: 'no-shows'
			})),
		...(bot > 0 ? [{ text: t.signalRefused(bot), table: 'refused' }] : []),
		...flags.map((r) => ({
			text: t.signalFlag(label(t.labels.flag, r.keys[0]), r.count),
			table: 'flags'
		}))
	];
	return {
		id: 'signals',
		title: t.sections.signals,
		lead: t.signalsLead,
		signals: list,
		tables: [
			{
				id: 'spikes',
				title: t.tables.spikes,
				header: [t.col.signal, t.col.week, t.col.count, t.col.baseline, t.col.pValue],
				rows: spikeRows.map(({ what, s }) => [
					what,
					lastDay,
					s.count,
					s.baseline,
					s.pValue.toExponential(1)
				])
			},
			{
				id: 'late',
				title: t.tables.late,
				header: [t.col.type, t.col.lateNow],
				rows: [...late.entries()].sort().map(([type, n]) => [type, n]),
				chart: 'bar'
			},
			{
				id: 'late-trend',
				title: t.tables.lateTrend,
				note: t.lateTrendNote,
				header: [t.col.month, t.col.total, ...lateTypes],
				rows: lateMonths.map((m) => [m, lateIn(m, '*'), ...lateTypes.map((c) => lateIn(m, c))]),
				chart: 'bar'
			},
			{
				id: 'next-free',
				title: t.tables.nextFree,
				header: [t.col.branch, t.col.service, t.col.nextFree, t.col.days],
				rows: nextFree.map((r) => [
					r.branchName,
					r.service,
					r.nextFree ? pragueDate(r.nextFree) : t.none,
					r.days ?? '—'
				])
			},
			{
				id: 'waitlists',
				title: t.tables.waitlists,
				note: t.waitlistsNote,
				header: [
					t.col.branch,
					t.col.service,
					...Array.from({ length: WAITLIST_WEEKS + 1 }, (_, i) =>
						t.col.weeksAgo(WAITLIST_WEEKS - i)
					),
					t.col.joined,
					t.col.offered
				],
				rows: waitlists.map((w) => [w.branch, w.service, ...w.weekly, w.joined, w.offered])
			},
			{
				id: 'no-shows',
				title: t.tables.noShows,
				header: [t.col.branch, t.col.arrived, t.col.noShow, t.col.rate],
				rows: noShows.map((n) => [n.b, n.arrived, n.missed, pct(n.missed, n.arrived + n.missed)])
			},
			{
				id: 'refused',
				title: t.tables.refused,
				header: [t.col.reason, t.col.count],
				rows: Object.keys(t.labels.reason).map((r) => [
					label(t.labels.reason, r),
					countOf(refused, r)
				]),
				chart: 'bar'
			},
			{
				id: 'flags',
				title: t.tables.flags,
				header: [t.col.flag, t.col.count],
				rows: Object.keys(t.labels.flag).map((fl) => [label(t.labels.flag, fl), countOf(flags, fl)])
			}
		]
	};
}

export interface InsightsOptions {
	branches: { slug: string; name: string }[];
	services: string[];
	locales: readonly string[];
}

async function allSections(
	lang: string,
	period: Period,
	filters: Filters,
	now: Date
): Promise<Section[]> {
	const t = insightsText(lang);
	const range = { from: period.from, to: period.to };
	return [
		await performanceSection(t, range, filters),
		await hotline(t, range, filters),
		await needs(t, range, filters),
		await signals(t, range, filters, now)
	];
}

const REASON = '/insights';

/** The analysts' overview for a period and filters (audited). */
export async function insightsOverview(
	actor: Actor | null,
	lang: string,
	period: Period,
	filters: Filters,
	now: Date
): Promise<{ sections: Section[]; options: InsightsOptions }> {
	const analyst = requireRole(actor, 'analyst', 'admin');
	await audit(
		analyst,
		{
			action: 'insights.view',
			subjectType: 'report',
			subjectId: `${period.from}/${period.to}`,
			reason: REASON
		},
		now
	);
	await refreshRollupsFor(period.to, now);
	const { branches, services } = await branchAndServiceSlugs();
	return {
		sections: await allSections(lang, period, filters, now),
		options: { branches, services, locales: LOCALES }
	};
}

/** Adds the previous year's figure and the change beside each plain count table. */
function compare(current: Table, previous: Table | undefined, t: InsightsText): Table {
	const comparable =
		previous && current.header.length === 2 && current.rows.every((r) => typeof r[1] === 'number');
	if (!comparable) return current;
	const before = new Map(previous.rows.map((r) => [String(r[0]), r[1]]));
	return {
		...current,
		header: [...current.header, t.col.previousYear, t.col.change],
		rows: current.rows.map((r) => {
			const prev = Number(before.get(String(r[0])) ?? 0);
			const now = Number(r[1]);
			const change =
				prev > 0 ? `${now >= prev ? '+' : ''}${(((now - prev) / prev) * 100).toFixed(1)} %` : '—';
			return [...r, prev, change];
		})
	};
}

/** The yearly report: every section for the year, compared with the year before (audited). */
export async function yearlyReport(
	actor: Actor | null,
	lang: string,
	year: number,
	now: Date,
	options: { audit: boolean } = { audit: true }
): Promise<{ year: number; sections: Section[] }> {
	const analyst = requireRole(actor, 'analyst', 'admin');
	if (options.audit)
		await audit(
			analyst,
			{ action: 'insights.report', subjectType: 'report', subjectId: String(year), reason: REASON },
			now
		);
	await refreshRollupsFor(yearPeriod(year).to, now);
	const t = insightsText(lang);
	const period = yearPeriod(year);
	const none: Filters = { branch: null, service: null, locale: null };
	const current = await allSections(lang, period, none, now);
	const previous = await allSections(lang, previousYearOf(period), none, now);
	const monthly = await sumUsage(
		{ from: period.from, to: period.to },
		['escalation_created', 'booking'],
		['month', 'kind'],
		{},
		{}
	);
	const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
	const bookingsByMonth = await sumUsage(
		{ from: period.from, to: period.to },
		['booking'],
		['month'],
		{},
		{ step: 'confirmed' }
	);
	const sections = current.map((section, i) => ({
		...section,
		tables: section.tables.map((table) =>
			compare(
				table,
				previous[i]?.tables.find((p) => p.id === table.id),
				t
			)
		)
	}));
	sections[0]?.tables.push({
		id: 'monthly',
		title: t.tables.monthly,
		header: [t.col.month, t.col.contacts, t.col.bookings],
		rows: months.map((m) => [
			m,
			countOf(monthly, m, 'escalation_created'),
			countOf(bookingsByMonth, m)
		]),
		chart: 'bar'
	});
	return { year, sections };
}

/** One table of the report, for its CSV (audited like the report). */
export async function reportTable(
	actor: Actor | null,
	lang: string,
	year: number,
	tableId: string,
	now: Date
): Promise<Table | null> {
	const report = await yearlyReport(actor, lang, year, now);
	return report.sections.flatMap((s) => s.tables).find((table) => table.id === tableId) ?? null;
}

export interface UnitCost {
	channel: (typeof COST_CHANNELS)[number];
	/** CZK with two decimals, or '' when not set. */
	czk: string;
}

/** The unit costs per channel (analysts read them, admins set them). */
export async function unitCosts(actor: Actor | null): Promise<UnitCost[]> {
	requireRole(actor, 'analyst', 'admin');
	const stored = new Map((await unitCostRows()).map((c) => [c.channel, c.costHalere]));
	return COST_CHANNELS.map((channel) => {
		const halere = stored.get(channel);
		return { channel, czk: halere === undefined ? '' : czk(halere) };
	});
}

/** Sets the unit costs (CZK strings, '' leaves a channel unset); admins only, audited. */
export async function setUnitCosts(
	actor: Actor | null,
	costs: Record<string, string>,
	now: Date
): Promise<{ kind: 'saved' } | { kind: 'invalid'; channels: string[] }> {
	const admin = requireRole(actor, 'admin');
	const invalid: string[] = [];
	const parsed: { channel: string; costHalere: number }[] = [];
	for (const channel of COST_CHANNELS) {
		const value = (costs[channel] ?? '').trim().replace(',', '.');
		if (value === '') continue;
		if (!/^\d{1,6}(\.\d{1,2})?$/.test(value) || Number(value) > 100_000) invalid.push(channel);
		else parsed.push({ channel, costHalere: Math.round(Number(value) * 100) });
	}
	if (invalid.length > 0) return { kind: 'invalid', channels: invalid };
	await upsertUnitCosts(parsed, admin.userId, now);
	await audit(
		admin,
		{
			action: 'insights.costs',
			subjectType: 'report',
			subjectId: 'unit-costs',
			reason: '/insights/costs'
		},
		now
	);
	return { kind: 'saved' };
}
