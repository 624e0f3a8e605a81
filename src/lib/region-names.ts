import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Message = (inputs: object, options: { locale?: Locale }) => string;

/**
 * Regions as the branch data names them (Czech), in the page's language where a translation is
 * customary (English, Ukrainian, Russian; Vietnamese keeps the Czech names but for Prague). A
 * region added later without a translation shows its Czech name.
 */
const NAMES: Record<string, Message> = {
	Praha: m.newcomer_region_praha,
	'Středočeský kraj': m.newcomer_region_stredocesky,
	'Jihočeský kraj': m.newcomer_region_jihocesky,
	'Plzeňský kraj': m.newcomer_region_plzensky,
	'Karlovarský kraj': m.newcomer_region_karlovarsky,
	'Ústecký kraj': m.newcomer_region_ustecky,
	'Liberecký kraj': m.newcomer_region_liberecky,
	'Královéhradecký kraj': m.newcomer_region_kralovehradecky,
	'Pardubický kraj': m.newcomer_region_pardubicky,
	'Kraj Vysočina': m.newcomer_region_vysocina,
	'Jihomoravský kraj': m.newcomer_region_jihomoravsky,
	'Olomoucký kraj': m.newcomer_region_olomoucky,
	'Zlínský kraj': m.newcomer_region_zlinsky,
	'Moravskoslezský kraj': m.newcomer_region_moravskoslezsky
};

export function regionName(region: string, locale?: Locale): string {
	return NAMES[region]?.({}, { locale }) ?? region;
}
