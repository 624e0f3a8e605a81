import { m } from './paraglide/messages';
import type { Locale } from './paraglide/runtime';

/**
 * Nationalities a booking can name: the ISO 3166-1 alpha-2 codes of current countries and
 * territories (Kosovo as XK, as its passports have it) and XX for a stateless person. Names come
 * from the runtime's CLDR data (Intl.DisplayNames) in the page's language, so nobody types a code.
 */
const CODES =
	'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'.split(
		' '
	);
export const STATELESS = 'XX';
const KNOWN = new Set([...CODES, STATELESS]);

export function isNationality(code: string): boolean {
	return KNOWN.has(code);
}

const names = new Map<string, Intl.DisplayNames>();

/** The country's name in `locale` ("Ukrajina", "Україна"), or the code when unknown. */
export function countryName(code: string, locale: Locale): string {
	if (code === STATELESS) return m.newcomer_stateless({}, { locale });
	let display = names.get(locale);
	if (!display) names.set(locale, (display = new Intl.DisplayNames([locale], { type: 'region' })));
	return display.of(code) ?? code;
}

const lists = new Map<string, { code: string; name: string }[]>();

/** Every nationality, sorted as the page's language sorts, stateless last. */
export function nationalityOptions(locale: Locale): { code: string; name: string }[] {
	let list = lists.get(locale);
	if (!list) {
		const order = new Intl.Collator(locale);
		list = CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) =>
			order.compare(a.name, b.name)
		);
		list.push({ code: STATELESS, name: countryName(STATELESS, locale) });
		lists.set(locale, list);
	}
	return list;
}
