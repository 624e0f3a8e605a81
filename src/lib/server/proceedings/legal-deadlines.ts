// The time limit the office has to decide, per kind of proceeding (issue 15, point 1).
// § 169t of Act No. 326/1999 Coll. sets different limits by kind of application; 60/90 days for
// every proceeding made family-reunification cases "late" from day 61 (their limit is 270 days).
// Imported by the CLI through proceedings code: relative imports only, no `$lib`.
import * as v from 'valibot';
import { TYPE_CODES, type TypeCode } from './proceeding-number';

/**
 * Purposes the internal system's feed names in `details.purpose` (on any event, usually
 * `filed`). One type code covers several purposes: DP (long-term residence) is used for family
 * reunification, study, research and others, and their limits differ.
 */
export const PURPOSES = ['family', 'study', 'research', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

/**
 * How sure the code → proceeding mapping is. The ministry does not publish what each type code
 * of a proceeding number means (DOMAIN.md): `inferred` mappings are our reading of the codes and
 * stay configurable (env PROCEEDING_DEADLINES); `unknown` codes get no limit at all, so Pobyt
 * never tells a person the office is late on a guess.
 */
export type MappingCertainty = 'inferred' | 'unknown';

export interface DeadlineRule {
	typeCode: TypeCode;
	/** null: the rule for the type when the feed names no purpose (or one without its own rule). */
	purpose: Purpose | null;
	/** The proceeding as the law names it (Czech official term). */
	proceeding: string;
	/** Days the office has to decide; null when no statutory limit is known for this code. */
	days: number | null;
	/** Days for particularly complex cases (`complex` in the feed); null when the law has none. */
	complexDays: number | null;
	legalReference: string;
	/** Where the figure was checked (a public page). */
	sourceUrl: string;
	/** When the figure was last checked against the source, `YYYY-MM-DD`. */
	reviewed: string;
	mapping: MappingCertainty;
	/** What was and was not verified. */
	note: string;
}

const REVIEWED = '2026-12-04';
const LAW = '§ 169t zákona č. 326/1999 Sb.';

/**
 * The default table. Figures come from public pages that restate the law (the text of § 169t
 * itself could not be read in a current consolidation when this was reviewed); `note` says which.
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
	{
		typeCode: 'DP',
		purpose: 'family',
		proceeding: 'povolení k dlouhodobému pobytu za účelem společného soužití rodiny (§ 42a)',
		days: 270,
		complexDays: null,
		legalReference: LAW,
		sourceUrl: 'https://help.unhcr.org/czech/family-reunification/long-term-residence/',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: '270 days: UNHCR Czech help page (citing § 42a) and the pre-2019 wording of the same limit (§ 169 odst. 2 písm. c); current § 169t text not read.'
	},
	{
		typeCode: 'DP',
		purpose: 'study',
		proceeding: 'povolení k dlouhodobému pobytu za účelem studia (§ 42d)',
		days: 60,
		complexDays: null,
		legalReference: LAW,
		sourceUrl:
			'https://www.mzv.cz/warsaw/cz/viza_a_konzularni_informace/vizova_agenda/dlouhodoba_viza_k_pobytu_nad_90_180_dnu/index.html',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: '60 days for study (the embassy page states it for the study visa; the pre-2019 § 169 odst. 2 písm. d gave 60 days for the study permit).'
	},
	{
		typeCode: 'DP',
		purpose: 'research',
		proceeding: 'povolení k dlouhodobému pobytu za účelem vědeckého výzkumu (§ 42f)',
		days: 60,
		complexDays: null,
		legalReference: LAW,
		sourceUrl: 'http://ley.cz/?s9&q9=169',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: '60 days in the pre-2019 wording (§ 169 odst. 2 písm. d); not re-checked in the current text.'
	},
	{
		typeCode: 'DP',
		purpose: null,
		proceeding: 'povolení k dlouhodobému pobytu (jiný nebo neuvedený účel)',
		days: 60,
		complexDays: 90,
		legalReference: LAW,
		sourceUrl: 'https://www.mvcr.cz/mvcren/docDetail.aspx?docid=21722506&docType=ART',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: '60 days, 90 in particularly complex cases (the general rule). A DP proceeding whose feed names no purpose is clocked by this rule: the feed must send details.purpose "family" for the 270-day limit.'
	},
	{
		typeCode: 'ZK',
		purpose: null,
		proceeding: 'zaměstnanecká karta (§ 42g)',
		days: 60,
		complexDays: 90,
		legalReference: LAW,
		sourceUrl: 'https://czechvisaservices.cz/en/useful-information/employee-card/',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: '60 days, up to 90 in particularly complicated cases (two independent public summaries; not read in the law text).'
	},
	{
		typeCode: 'MK',
		purpose: null,
		proceeding: 'modrá karta (§ 42i)',
		days: 90,
		complexDays: null,
		legalReference: `${LAW}; čl. 11 odst. 1 směrnice (EU) 2021/1883`,
		sourceUrl: 'https://eur-lex.europa.eu/eli/dir/2021/1883/oj',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: 'The Blue Card Directive requires a decision within 90 days at the latest; the Czech figure in § 169t could not be read, so this is the outer limit. Configurable.'
	},
	{
		typeCode: 'TP',
		purpose: null,
		proceeding: 'povolení k trvalému pobytu (§ 68, podané na území)',
		days: 60,
		complexDays: null,
		legalReference: LAW,
		sourceUrl:
			'https://ipc.gov.cz/en/life-in-the-eu/life-in-the-eu-third-country-nationals/long-term-resident-status-in-the-european-community',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: 'ipc.gov.cz: 60 days when applying for permanent residence (with the EU long-term resident status). A longer limit for applications filed at an embassy could not be verified.'
	},
	{
		typeCode: 'PP',
		purpose: null,
		proceeding: 'povolení k přechodnému pobytu rodinného příslušníka občana EU (§ 87b)',
		days: 60,
		complexDays: null,
		legalReference: LAW,
		sourceUrl: 'http://ley.cz/?s9&q9=169',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: '60 days in the pre-2019 wording (§ 169 odst. 2 písm. e); not re-checked in the current text.'
	},
	{
		typeCode: 'DV',
		purpose: 'study',
		proceeding: 'dlouhodobé vízum za účelem studia',
		days: 60,
		complexDays: null,
		legalReference: '§ 169t zákona č. 326/1999 Sb. (víza)',
		sourceUrl:
			'https://www.mzv.cz/warsaw/cz/viza_a_konzularni_informace/vizova_agenda/dlouhodoba_viza_k_pobytu_nad_90_180_dnu/index.html',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: 'Embassy page: the Ministry decides a study visa within 60 days.'
	},
	{
		typeCode: 'DV',
		purpose: null,
		proceeding: 'dlouhodobé vízum (rodina, podnikání, sport a jiné účely)',
		days: 90,
		complexDays: 120,
		legalReference: '§ 169t zákona č. 326/1999 Sb. (víza)',
		sourceUrl:
			'https://www.mzv.cz/warsaw/cz/viza_a_konzularni_informace/vizova_agenda/dlouhodoba_viza_k_pobytu_nad_90_180_dnu/index.html',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: 'Embassy page: family, business and sport visas within 90 days, 120 in particularly complex cases.'
	},
	{
		typeCode: 'ST',
		purpose: null,
		proceeding: 'dlouhodobý pobyt za účelem studia (význam kódu odhadnut)',
		days: 60,
		complexDays: null,
		legalReference: LAW,
		sourceUrl:
			'https://www.mzv.cz/warsaw/cz/viza_a_konzularni_informace/vizova_agenda/dlouhodoba_viza_k_pobytu_nad_90_180_dnu/index.html',
		reviewed: REVIEWED,
		mapping: 'inferred',
		note: 'ST read as study (not published by the ministry); 60 days as for study.'
	},
	...(['DO', 'ZM', 'VP', 'CD'] as const).map((typeCode): DeadlineRule => ({
		typeCode,
		purpose: null,
		proceeding:
			typeCode === 'DO'
				? 'dočasná ochrana (význam kódu odhadnut)'
				: typeCode === 'ZM'
					? 'změna (význam kódu odhadnut)'
					: 'neznámý typ řízení',
		days: null,
		complexDays: null,
		legalReference: LAW,
		sourceUrl: 'https://ipc.gov.cz/en/administrative-proceedings/time-limits',
		reviewed: REVIEWED,
		mapping: 'unknown',
		note: 'What this code covers is not public, so no limit is shown and the office is never called late; set one in PROCEEDING_DEADLINES once known.'
	}))
];

/** After a suspension ends, the limit runs at least this many more days (mvcr.cz "Lhůty a počítání času"). */
export const DAYS_AFTER_RESUMPTION = 15;

const ruleSchema = v.strictObject({
	typeCode: v.picklist(TYPE_CODES),
	purpose: v.nullable(v.picklist(PURPOSES)),
	proceeding: v.pipe(v.string(), v.nonEmpty()),
	days: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
	complexDays: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
	legalReference: v.pipe(v.string(), v.nonEmpty()),
	sourceUrl: v.pipe(v.string(), v.url()),
	reviewed: v.pipe(v.string(), v.isoDate()),
	mapping: v.picklist(['inferred', 'unknown']),
	note: v.string()
});

/**
 * The rules in force: the defaults, with each rule of `overrides` (env PROCEEDING_DEADLINES,
 * a JSON list of rules) replacing the default for the same type code and purpose, or adding one.
 * Throws with a message naming the bad entry.
 */
export function deadlineRules(overrides: unknown = []): DeadlineRule[] {
	const parsed = v.safeParse(v.array(ruleSchema), overrides);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		throw new Error(
			`PROCEEDING_DEADLINES: ${v.getDotPath(issue) ?? '(root)'}: ${issue.message} (a JSON list of rules)`
		);
	}
	const key = (r: Pick<DeadlineRule, 'typeCode' | 'purpose'>) => `${r.typeCode}:${r.purpose ?? ''}`;
	const rules = new Map(DEFAULT_DEADLINE_RULES.map((r) => [key(r), r]));
	for (const r of parsed.output) rules.set(key(r), r);
	return [...rules.values()];
}

/** The rule for a proceeding: its type and purpose, else its type's general rule. */
export function ruleFor(
	typeCode: string,
	purpose: string | null,
	rules: readonly DeadlineRule[]
): DeadlineRule | null {
	return (
		rules.find((r) => r.typeCode === typeCode && r.purpose !== null && r.purpose === purpose) ??
		rules.find((r) => r.typeCode === typeCode && r.purpose === null) ??
		null
	);
}
