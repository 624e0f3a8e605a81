// Open data: monthly CSV files of the anonymous aggregates, with every count below 5 shown as
// `<5` so that nobody can be singled out, under CC BY 4.0, and a DCAT-AP catalogue (JSON-LD).
import { pragueDate } from '../../time/prague';
import { monthsWithCounts, sumUsage, type CountRow } from './report.repository';
import { refreshRollups, refreshRollupsFor } from './rollup.service';
import { suppressSmall, toCsv } from './statistics';
import { LOCALES } from './report.service';

export const DATASETS = [
	'bookings',
	'status-lookups',
	'hotline-languages',
	'hotline-topics',
	'satisfaction'
] as const;
export type Dataset = (typeof DATASETS)[number];

export const LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

const TITLES: Record<Dataset, { cs: string; en: string }> = {
	bookings: {
		cs: 'Rezervace podle pracoviště, úkonu a kanálu',
		en: 'Bookings by branch, action and channel'
	},
	'status-lookups': { cs: 'Dotazy na stav řízení podle fáze', en: 'Status lookups by stage' },
	'hotline-languages': {
		cs: 'Kontakty infolinky podle jazyka',
		en: 'Hotline contacts by language'
	},
	'hotline-topics': { cs: 'Případy infolinky podle tématu', en: 'Hotline cases by topic' },
	satisfaction: { cs: 'Spokojenost podle úkolu', en: 'Satisfaction by task' }
};

export const datasetTitle = (dataset: Dataset, lang: 'cs' | 'en') => TITLES[dataset][lang];

const monthRange = (month: string) => {
	const [y = 1970, m = 1] = month.split('-').map(Number);
	return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
};

/** Months that have any counts, newest first (the current month counts to date). */
export async function openDataMonths(now: Date): Promise<string[]> {
	await refreshRollups(now);
	const today = pragueDate(now);
	return monthsWithCounts(today);
}

function rows(counts: CountRow[]): (string | number)[][] {
	return counts
		.sort((a, b) => (a.keys.join('\u0000') < b.keys.join('\u0000') ? -1 : 1))
		.map((r) => [...r.keys, suppressSmall(r.count)]);
}

/** One dataset's CSV for one month (YYYY-MM); null for an unknown dataset or month. */
export async function openDataCsv(
	dataset: string,
	month: string,
	now: Date
): Promise<string | null> {
	if (!(DATASETS as readonly string[]).includes(dataset) || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
		return null;
	if (month > pragueDate(now).slice(0, 7)) return null;
	const range = monthRange(month);
	await refreshRollupsFor(range.to, now);
	const withMonth = (header: string[], data: (string | number)[][]) =>
		toCsv(
			['month', ...header],
			data.map((r) => [month, ...r])
		);
	switch (dataset as Dataset) {
		case 'bookings':
			return withMonth(
				['branch', 'action', 'channel', 'bookings'],
				rows(
					await sumUsage(
						range,
						['booking'],
						['facet:branch', 'facet:service', 'facet:channel'],
						{},
						{ step: 'confirmed' }
					)
				)
			);
		case 'status-lookups':
			return withMonth(
				['outcome', 'stage', 'lookups'],
				rows(await sumUsage(range, ['status_lookup'], ['facet:outcome', 'facet:stage']))
			);
		case 'hotline-languages':
			return withMonth(
				['language', 'channel', 'contacts'],
				rows(
					(await sumUsage(range, ['escalation_created'], ['locale', 'facet:channel'])).filter((r) =>
						(LOCALES as readonly string[]).includes(r.keys[0])
					)
				)
			);
		case 'hotline-topics':
			return withMonth(
				['topic', 'cases'],
				rows(await sumUsage(range, ['escalation_outcome'], ['facet:topic']))
			);
		case 'satisfaction': {
			const answers = await sumUsage(range, ['satisfaction'], ['facet:task', 'facet:score']);
			const tasks = [...new Set(answers.map((a) => a.keys[0]))].sort();
			return withMonth(
				['task', 'answers', 'satisfied_4_or_5'],
				tasks.map((task) => {
					const of = answers.filter((a) => a.keys[0] === task);
					const all = of.reduce((s, a) => s + a.count, 0);
					const good = of.filter((a) => Number(a.keys[1]) >= 4).reduce((s, a) => s + a.count, 0);
					return [task, suppressSmall(all), suppressSmall(good)];
				})
			);
		}
	}
}

/** The DCAT-AP catalogue of the datasets, each month a distribution, for the national catalogue. */
export function openDataCatalogue(origin: string, months: string[], lang: 'cs' | 'en' = 'cs') {
	const url = (path: string) => new URL(path, origin).toString();
	return {
		'@context': {
			dcat: 'http://www.w3.org/ns/dcat#',
			dct: 'http://purl.org/dc/terms/',
			foaf: 'http://xmlns.com/foaf/0.1/',
			vcard: 'http://www.w3.org/2006/vcard/ns#'
		},
		'@id': url('/open-data/catalog.jsonld'),
		'@type': 'dcat:Catalog',
		'dct:title': [
			{ '@language': 'cs', '@value': 'Otevřená data klientského centra pro cizince' },
			{ '@language': 'en', '@value': 'Open data of the client centre for foreigners' }
		],
		'dct:description': [
			{
				'@language': 'cs',
				'@value': 'Měsíční souhrny bez osobních údajů; počty pod 5 jsou uvedeny jako <5.'
			},
			{
				'@language': 'en',
				'@value': 'Monthly aggregates without personal data; counts below 5 are shown as <5.'
			}
		],
		'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': 'Ministerstvo vnitra České republiky' },
		'foaf:homepage': { '@id': url(lang === 'en' ? '/en/open-data' : '/open-data') },
		'dcat:dataset': DATASETS.map((dataset) => ({
			'@id': url(`/open-data#${dataset}`),
			'@type': 'dcat:Dataset',
			'dct:title': [
				{ '@language': 'cs', '@value': TITLES[dataset].cs },
				{ '@language': 'en', '@value': TITLES[dataset].en }
			],
			'dct:description': [
				{
					'@language': 'cs',
					'@value': `${TITLES[dataset].cs}, měsíčně. Počty pod 5 jsou potlačeny (<5).`
				},
				{
					'@language': 'en',
					'@value': `${TITLES[dataset].en}, monthly. Counts below 5 are suppressed (<5).`
				}
			],
			'dct:accrualPeriodicity': {
				'@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY'
			},
			'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/country/CZE' },
			'dct:license': { '@id': LICENSE },
			'dcat:keyword': [
				{ '@language': 'cs', '@value': 'cizinci' },
				{ '@language': 'en', '@value': 'foreigners' }
			],
			'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': 'Ministerstvo vnitra' },
			'dcat:distribution': months.map((month) => ({
				'@id': url(`/open-data/${dataset}-${month}.csv`),
				'@type': 'dcat:Distribution',
				'dct:title': `${dataset} ${month}`,
				'dcat:downloadURL': { '@id': url(`/open-data/${dataset}-${month}.csv`) },
				'dcat:accessURL': { '@id': url(`/open-data/${dataset}-${month}.csv`) },
				'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/text/csv' },
				'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' },
				'dct:license': { '@id': LICENSE },
				'dct:temporal': {
					'@type': 'dct:PeriodOfTime',
					'dcat:startDate': monthRange(month).from,
					'dcat:endDate': monthRange(month).to
				}
			}))
		}))
	};
}
