// A national year of data, generated deterministically inside the database with set-based SQL
// (generate_series, one statement a table), for `npm run data:national-year`, `bench:scale` and
// `bench:insights` (docs/adr/0014). Every value derives from a row number through hashint4, so
// the same size always gives the same rows, on PostgreSQL and on PGlite alike.
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { resultRows } from '../db/rows';
import { SEED_BRANCHES } from '../db/seed-data';

export interface NationalYearSize {
	proceedings: number;
	branches: number;
	bookings: number;
	/** Hotline contacts: shared contexts and callback requests. */
	contacts: number;
	/** Anonymous usage events over the calendar year. */
	events: number;
	/** Slots are published from this many days before `now` (default: from the year's start). */
	slotDaysBefore?: number;
}

/** Issue 16's national year. */
export const NATIONAL_YEAR: NationalYearSize = {
	proceedings: 500_000,
	branches: 30,
	bookings: 2_000_000,
	contacts: 300_000,
	events: 20_000_000
};

/** The calendar year whose events are generated; `now` is early in the next one. */
export const YEAR = 2025;
export const NATIONAL_NOW = new Date('2026-01-12T09:00:00Z');

/** Actions that get published slots at every branch (the busiest ones). */
export const SLOT_SERVICES = ['registration', 'biometrics', 'card-pickup', 'application-extension'];

const CHECKLISTS = [
	'biometrics-appointment',
	'employee-card',
	'eu-blue-card',
	'family-reunification',
	'long-term-extension',
	'long-term-study',
	'permanent-residence',
	'registration-after-arrival',
	'report-change',
	'residence-card-pickup',
	'temporary-protection-extension'
];

const TYPE_CODES = ['CD', 'DO', 'DP', 'DV', 'MK', 'PP', 'ST', 'TP', 'VP', 'ZK', 'ZM'];
const STAGES = [
	'processing',
	'processing',
	'processing',
	'suspended',
	'preliminary_positive',
	'approved',
	'card_ready',
	'card_collected',
	'rejected',
	'stopped'
];
const TOPICS = [
	'residence_permit',
	'employee_card',
	'biometrics',
	'booking',
	'documents',
	'fees',
	'status_delay',
	'temporary_protection',
	'family',
	'other'
];

const array = (values: readonly string[]) =>
	`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
/** One of `values`, chosen by `expr` (a non-negative integer expression). */
const pick = (values: readonly string[], expr: string) =>
	`(${array(values)})[1 + (${expr}) % ${values.length}]`;

/**
 * The locale of a person: Ukrainian most often, then Czech, English, Russian and Vietnamese
 * (by `expr` mod 100).
 */
const locale = (expr: string) =>
	`(case when (${expr}) % 100 < 35 then 'uk' when (${expr}) % 100 < 55 then 'cs' when (${expr}) % 100 < 70 then 'en' when (${expr}) % 100 < 85 then 'ru' else 'vi' end)`;

/** Slugs of the generated branches: the ministry's first, then numbered ones up to `count`. */
export function branchSlugs(count: number): string[] {
	const slugs = SEED_BRANCHES.slice(0, count).map((b) => b.slug);
	for (let i = slugs.length + 1; slugs.length < count; i++)
		slugs.push(`pracoviste-${String(i).padStart(2, '0')}`);
	return slugs;
}

async function run(db: Db, text: string): Promise<void> {
	await db.execute(sql.raw(text));
}

/**
 * A calendar year of anonymous usage events, shaped and faceted like the app's own (`track` in
 * insights.service.ts): status lookups and checklist reads most, bookings by step with their
 * action, branch and channel, the counter's arrivals, hotline contacts in opening hours, topics,
 * satisfaction answers, refusals. Facets come from the same closed lists as real traffic, so a
 * day has a few thousand distinct facet sets, as a real day would.
 */
export async function generateUsageEvents(
	db: Db,
	options: { events: number; year?: number; branches: string[]; services: string[] }
): Promise<void> {
	const year = options.year ?? YEAR;
	const n = options.events;
	const days =
		new Date(Date.UTC(year + 1, 0, 1)).getTime() / 86_400_000 -
		new Date(Date.UTC(year, 0, 1)).getTime() / 86_400_000;
	const branch = (expr: string) => pick(options.branches, expr);
	const service = (expr: string) => pick(options.services, expr);
	// b: which kind (per mille); a, c: independent hashes for the facets.
	await run(
		db,
		`insert into usage_events (at, kind, locale, facets)
		select at, kind, case when with_locale then ${locale('a')} end, facets from (
			select at, a,
				case when b < 350 then 'status_lookup' when b < 525 then 'checklist_use'
					when b < 752 then 'booking' when b < 927 then 'counter'
					when b < 942 then 'escalation_created' when b < 958 then 'escalation_outcome'
					when b < 966 then 'callback' when b < 986 then 'satisfaction'
					when b < 994 then 'booking_refused' when b < 996 then 'status_saved'
					when b < 998 then 'waitlist_signup' when b < 999 then 'waitlist_offer'
					else 'problem_flagged' end as kind,
				(b < 525 or b between 640 and 739 or b between 927 and 941 or b between 958 and 965
					or b between 966 and 998) as with_locale,
				case
					when b < 350 then case
						when c % 100 < 80 then jsonb_build_object('outcome', 'found',
							'stage', ${pick(STAGES, 'c / 100')}, 'typeCode', ${pick(TYPE_CODES, 'c / 1000')})
						else jsonb_build_object('outcome', case when c % 100 < 95 then 'not_found'
							when c % 100 < 98 then 'throttled' else 'invalid' end) end
					when b < 525 then jsonb_build_object('checklist', ${pick(CHECKLISTS, 'c / 100')},
						'step', case when c % 10 = 0 then 'printed' else 'viewed' end)
					when b < 640 then jsonb_build_object('step', 'held', 'service', ${service('c / 100')},
						'branch', ${branch('c / 1000')})
					when b < 740 then jsonb_build_object('step', 'confirmed', 'service', ${service('c / 100')},
						'channel', case when c % 100 < 82 then 'web' when c % 100 < 92 then 'hotline' else 'branch' end,
						'branch', ${branch('c / 1000')})
					when b < 750 then '{"step":"cancelled","service":"any"}'::jsonb
					when b < 752 then jsonb_build_object('step', 'rescheduled', 'service', ${service('c / 100')})
					when b < 927 then jsonb_build_object('branch', ${branch('c / 1000')},
						'step', case when c % 100 < 48 then 'arrived' when c % 100 < 95 then 'done' else 'no_show' end)
					when b < 942 then jsonb_build_object('channel', case when c % 10 < 7 then 'call' else 'callback' end,
						'area', ${pick(['home', 'status', 'checklists', 'book', 'other'], 'c / 10')},
						'hour', extract(hour from at at time zone 'Europe/Prague')::int)
						|| case when (c / 10) % 5 = 2 then jsonb_build_object('checklist', ${pick(CHECKLISTS, 'c / 100')}) else '{}'::jsonb end
					when b < 958 then jsonb_build_object('topic', ${pick(TOPICS, 'c / 10')},
						'outcome', ${pick(['answered', 'answered', 'answered', 'booked', 'callback_needed', 'referred', 'no_answer'], 'c / 1000')})
					when b < 966 then case when c % 2 = 0
						then jsonb_build_object('step', 'requested', 'window', case when c % 4 = 0 then 'chosen' else 'any' end)
						else jsonb_build_object('step', 'handled', 'outcome', ${pick(['completed', 'completed', 'completed', 'unreachable', 'wrong_number', 'withdrawn'], 'c / 10')}) end
					when b < 986 then jsonb_build_object('task', ${pick(['booking', 'status', 'checklist', 'hotline'], 'c / 10')},
						'score', ${pick(['5', '5', '5', '4', '4', '4', '3', '2', '1', '5'], 'c / 100')}::int)
					when b < 994 then jsonb_build_object('reason', ${pick(['full', 'expired', 'already_booked', 'limit', 'late_cancellations', 'throttled', 'proof'], 'c / 10')})
					when b < 996 then jsonb_build_object('stage', ${pick(STAGES, 'c / 10')})
					when b < 999 then '{}'::jsonb
					else jsonb_build_object('flag', ${pick(['intermediary_or_scam', 'exploitation', 'misinformation', 'system_fault'], 'c / 10')})
				end as facets
			from (
				select
					-- Rows in time order over the year; people act between 7:00 and 18:00 Prague time.
					((date '${year}-01-01' + (i::bigint * ${days} / ${n})::int)
						+ interval '7 hours' + (abs(hashint4(i # 40503)) % 39600) * interval '1 second')
						at time zone 'Europe/Prague' as at,
					abs(hashint4(i)) % 1000 as b,
					abs(hashint4(i # 7919)) as a,
					abs(hashint4(i # 104729)) as c
				from generate_series(1, ${n}) as i
			) g
		) e`
	);
}

/** Searches of the year: a common vocabulary with spelling variants, and a long tail. */
export async function generateSearchQueries(
	db: Db,
	options: { count: number; year?: number }
): Promise<void> {
	const year = options.year ?? YEAR;
	const common = [
		'Zaměstnanecká karta',
		'zamestnanecka karta',
		'ZAMĚSTNANECKÁ KARTA',
		'povolení k pobytu',
		'povoleni k pobytu',
		'biometrie',
		'prodloužení pobytu',
		'trvalý pobyt',
		'employee card',
		'Employee Card',
		'residence permit',
		'biometrics',
		'permanent residence',
		'тимчасовий захист',
		'посвідка на проживання',
		'вид на жительство',
		'биометрия',
		'thẻ tạm trú',
		'gia hạn cư trú',
		'pas',
		'ксилофон'
	];
	await run(
		db,
		`insert into search_queries (day, locale, query, result_count)
		select date '${year}-01-01' + (i::bigint * 365 / ${options.count})::int, ${locale('a')},
			case when a % 10 < 7 then ${pick(common, 'a / 10')}
				else 'hledání ' || ((a / 10) % 3000)::text end,
			case when a % 10 < 7 then (a / 100) % 4 else (a / 100) % 2 end
		from (select i, abs(hashint4(i # 31337)) as a from generate_series(1, ${options.count}) as i) g`
	);
}

const COUNTED = [
	'branches',
	'slots',
	'bookings',
	'proceedings',
	'proceeding_events',
	'call_contexts',
	'callback_requests',
	'hotline_cases',
	'usage_events',
	'search_queries'
] as const;

/** The generated counts, table by table (what the tiny-size test checks). */
export async function nationalYearCounts(
	db: Db
): Promise<Record<(typeof COUNTED)[number], number>> {
	const [row] = resultRows<Record<string, number>>(
		await db.execute(
			sql.raw(`select ${COUNTED.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`)
		)
	);
	return Object.fromEntries(COUNTED.map((t) => [t, Number(row![t])])) as Record<
		(typeof COUNTED)[number],
		number
	>;
}

/**
 * Everything but the events, on a database that holds the demo seed (its branches, actions and
 * staff): more branches up to `size.branches`, their slots, bookings, proceedings with their
 * events, hotline contacts. Steps are reported through `step` with their time.
 */
export async function generateNationalYear(
	db: Db,
	size: NationalYearSize,
	step: (name: string, ms: number) => void = () => {}
): Promise<void> {
	const timed = async (name: string, work: () => Promise<void>) => {
		const start = performance.now();
		await work();
		step(name, performance.now() - start);
	};
	const now = NATIONAL_NOW.toISOString();
	const slugs = branchSlugs(size.branches);

	await timed('branches', async () => {
		await run(
			db,
			`insert into branches (slug, name, region, street, postcode, city, hours, takes_biometrics)
			select s, 'Pracoviště ' || substr(s, 13), 'Kraj ' || (1 + n % 13), 'Náměstí ' || n, '100 00', 'Město ' || n,
				(select hours from branches order by id limit 1), true
			from unnest(${array(slugs)}) with ordinality as u(s, n)
			where not exists (select 1 from branches b where b.slug = u.s)`
		);
		await run(
			db,
			`delete from branch_services where branch_id not in (select id from branches where slug = any(${array(slugs)}))`
		);
		await run(db, `update branches set active = (slug = any(${array(slugs)}))`);
		await run(
			db,
			`insert into branch_services (branch_id, service_id)
			select b.id, s.id from branches b, services s
			where b.active and s.slug = any(${array(SLOT_SERVICES)})
			on conflict do nothing`
		);
	});

	// Slots: every working day from the year's start to two months after `now`, 8:00–16:00 every
	// 30 minutes, five seats each, for the busiest actions at every branch.
	await timed('slots', async () => {
		await run(
			db,
			`insert into slots (branch_id, service_id, starts_at, ends_at, capacity)
			select b.id, s.id, t, t + interval '30 minutes', 5
			from branches b
			join services s on s.slug = any(${array(SLOT_SERVICES)})
			cross join generate_series(${size.slotDaysBefore === undefined ? `date '${YEAR}-01-01'` : `date '${now.slice(0, 10)}' - ${size.slotDaysBefore}`}, date '${now.slice(0, 10)}' + 60, interval '1 day') as d
			cross join generate_series(0, 15) as q
			cross join lateral (select ((d::date + interval '8 hours' + q * interval '30 minutes') at time zone 'Europe/Prague') as t) x
			where b.active and extract(isodow from d) < 6
			order by b.id, s.id, t`
		);
	});

	// Bookings fill past slots to about 80 % and coming ones less the further away they are.
	await timed('bookings', async () => {
		await run(
			db,
			`insert into bookings (id, slot_id, branch_id, service_id, reference, token_hash, person_key,
				full_name, birth_date, nationality, document_number, email, phone, locale, channel,
				created_at, cancelled_at, cancelled_by, checked_in_at, completed_at, no_show_at)
			select md5('booking' || k)::uuid, slot_id, branch_id, service_id,
				'N' || lpad(k::text, 9, '0'), decode(md5('token' || k), 'hex'), md5('person' || k),
				'Osoba ' || k, date '1960-01-01' + (h % 18000), ${pick(['UA', 'VN', 'RU', 'SK', 'IN', 'PH', 'KZ', 'MN'], 'h / 7')},
				'DOC' || k, 'osoba' || k || '@example.invalid', null, ${locale('h / 3')},
				case when h % 100 < 82 then 'web' when h % 100 < 92 then 'hotline' else 'branch' end,
				starts_at - ((1 + h % 40) * interval '1 day'),
				case when cancelled then starts_at - interval '2 days' end,
				case when cancelled then 'person' end,
				case when past and not cancelled and not no_show then starts_at end,
				case when past and not cancelled and not no_show then starts_at + interval '20 minutes' end,
				case when past and not cancelled and no_show then starts_at + interval '30 minutes' end
			from (
				select s.id as slot_id, s.branch_id, s.service_id, s.starts_at,
					row_number() over (order by s.id, seat) as k,
					abs(hashint4((s.id * 8 + seat)::int)) as h,
					s.starts_at < timestamptz '${now}' as past,
					abs(hashint4((s.id * 8 + seat)::int # 17)) % 100 < 6 as cancelled,
					abs(hashint4((s.id * 8 + seat)::int # 23)) % 100 < 5 as no_show
				from slots s cross join generate_series(1, 5) as seat
				where seat <= case when s.starts_at < timestamptz '${now}' then 4 + (abs(hashint4(s.id::int)) % 3 = 0)::int
					else greatest(0, 4 - (extract(epoch from s.starts_at - timestamptz '${now}') / 86400 / 12)::int) end
				-- which seats are taken when there are more than the size asks for: a fair draw
				order by abs(hashint4((s.id * 8 + seat)::int # 4099)), s.id, seat
				limit ${size.bookings}
			) x`
		);
		await run(
			db,
			`update slots s set booked = n from (
				select slot_id, count(*)::int as n from bookings
				where cancelled_at is null group by slot_id) c
			where s.id = c.slot_id`
		);
	});

	// Proceedings filed over two years, with their events: filed, some suspended and resumed,
	// most decided, approved ones with a card made and collected.
	await timed('proceedings', async () => {
		await run(
			db,
			`insert into proceedings (id, number, serial, type_code, year, birth_date, complex, created_at)
			select md5('proceeding' || k)::uuid, k, case when h % 100 < 55 then 1 + h % 9 end,
				${pick(TYPE_CODES, 'h / 100')}, extract(year from filed)::int,
				date '1960-01-01' + (h / 7) % 18000, h % 100 < 15, filed
			from (
				select k, abs(hashint4(k # 99991)) as h,
					timestamptz '${now}' - ((3 + abs(hashint4(k # 4243)) % 700) * interval '1 day') as filed
				from generate_series(1, ${size.proceedings}) as k
			) p
			-- a demo proceeding may hold the same number, type and year: it stays
			on conflict do nothing`
		);
		await run(
			db,
			`insert into proceeding_events (proceeding_id, external_id, kind, occurred_at, details, received_at)
			select p.id, 'gen-' || p.number || '-' || e.n, e.kind, e.at, e.details, e.at
			from (
				select id, number, created_at as filed, abs(hashint4(number # 5557)) as h,
					extract(epoch from timestamptz '${now}' - created_at) / 86400 as age
				from proceedings where id = md5('proceeding' || number)::uuid
			) p
			cross join lateral (values
				(1, 'filed', p.filed, null::jsonb),
				(2, case when p.h % 100 < 25 then 'suspended' end, p.filed + interval '20 days',
					jsonb_build_object('reason', 'documents_requested', 'deadline', to_char(p.filed + interval '50 days', 'YYYY-MM-DD'))),
				(3, case when p.h % 100 < 25 and p.age > 45 then 'resumed' end, p.filed + interval '40 days', null),
				(4, case when p.age > 30 + p.h % 90 then ${pick(['approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'rejected', 'stopped', 'approved'], 'p.h / 100')} end,
					p.filed + (30 + p.h % 90) * interval '1 day', null),
				(5, case when p.age > 45 + p.h % 90 then 'card_ready' end, p.filed + (45 + p.h % 90) * interval '1 day', null),
				(6, case when p.age > 60 + p.h % 90 then 'card_collected' end, p.filed + (60 + p.h % 90) * interval '1 day', null)
			) as e(n, kind, at, details)
			where e.kind is not null and e.at < timestamptz '${now}'
				-- a card follows an approval only
				and (e.n < 5 or ${pick(['approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'rejected', 'stopped', 'approved'], 'p.h / 100')} = 'approved')`
		);
	});

	// Hotline contacts: 70 % shared contexts (for a call), 30 % callback requests; each handled
	// in a case. Contexts older than their week's retention are purged as the timer would have.
	await timed('hotline', async () => {
		const contexts = Math.round(size.contacts * 0.7);
		const callbacks = size.contacts - contexts;
		await run(
			db,
			`insert into call_contexts (id, code, token_hash, locale, page_path, topic, question,
				created_at, expires_at, purged_at)
			select md5('context' || k)::uuid,
				case when created > timestamptz '${now}' - interval '1 day' then lpad((100000 + k % 900000)::text, 6, '0') end,
				decode(md5('ctoken' || k), 'hex'), ${locale('h')},
				${pick(['/', '/status', '/checklists/employee-card', '/book', '/help'], 'h / 100')},
				case when created > timestamptz '${now}' - interval '8 days' then ${pick(TOPICS, 'h / 1000')} end,
				null, created, created + interval '30 minutes',
				case when created <= timestamptz '${now}' - interval '8 days' then created + interval '8 days' end
			from (
				select k, abs(hashint4(k # 777)) as h,
					timestamptz '${now}' - (${contexts} - k) * (interval '1 day' * 365 / ${contexts}) as created
				from generate_series(1, ${contexts}) as k
			) c`
		);
		await run(
			db,
			`insert into callback_requests (id, token_hash, phone, locale, created_at, next_attempt_at,
				finished_at, outcome)
			select md5('callback' || k)::uuid, decode(md5('cbtoken' || k), 'hex'),
				'+420 6' || lpad((k % 100000000)::text, 8, '0'), ${locale('h')}, created, created,
				case when created < timestamptz '${now}' - interval '1 day' then created + (1 + h % 180) * interval '1 minute' end,
				case when created < timestamptz '${now}' - interval '1 day' then ${pick(['completed', 'completed', 'completed', 'unreachable', 'wrong_number', 'withdrawn'], 'h / 10')} end
			from (
				select k, abs(hashint4(k # 555)) as h,
					timestamptz '${now}' - (${callbacks} - k) * (interval '1 day' * 365 / ${callbacks}) as created
				from generate_series(1, ${callbacks}) as k
			) c`
		);
		await run(
			db,
			`insert into hotline_cases (id, context_id, callback_id, channel, opened_by, opened_at, topics, outcome, outcome_by, outcome_at)
			select md5('case' || c.id::text)::uuid, c.context_id, c.callback_id, c.channel, a.id, c.at,
				array[${pick(TOPICS, 'abs(hashint4(c.n))')}], ${pick(['answered', 'answered', 'booked', 'callback_needed', 'referred'], 'abs(hashint4(c.n # 3))')}, a.id, c.at + interval '6 minutes'
			from (
				select id, id as context_id, null::uuid as callback_id, 'call' as channel, created_at as at,
					row_number() over (order by created_at, id)::int as n
				from call_contexts
				union all
				select id, null, id, 'callback', finished_at, 0 from callback_requests
				where finished_at is not null and outcome <> 'withdrawn'
			) c
			cross join (select u.id from staff_users u join staff_roles r on r.user_id = u.id and r.role = 'agent' order by u.email limit 1) a`
		);
	});
}

/**
 * The year's events and searches, loaded the fast way: the events' indexes are dropped first and
 * built again after (one sort instead of 20 million insertions into a B-tree).
 */
export async function generateEventsOfYear(
	db: Db,
	options: { events: number; branches: string[]; services: string[] },
	step: (name: string, ms: number) => void = () => {}
): Promise<void> {
	let start = performance.now();
	await run(db, `drop index if exists usage_events_at`);
	await generateUsageEvents(db, options);
	await generateSearchQueries(db, { count: Math.round(options.events / 40) });
	step('events', performance.now() - start);
	start = performance.now();
	await run(db, `create index usage_events_at on usage_events (at)`);
	await run(db, `analyze`);
	step('event indexes', performance.now() - start);
}
