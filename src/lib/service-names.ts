import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** The bookable actions (úkony) by slug, as the seed and the booking flow name them. */
const NAMES: Record<string, (inputs: object, options: { locale?: Locale }) => string> = {
	registration: m.service_registration,
	biometrics: m.service_biometrics,
	'card-pickup': m.service_card_pickup,
	'application-long-term': m.service_application_long_term,
	'application-extension': m.service_application_extension,
	'application-change-of-purpose': m.service_application_change_of_purpose,
	'application-child-born': m.service_application_child_born,
	'application-eu-family': m.service_application_eu_family,
	'bridging-sticker': m.service_bridging_sticker,
	'exit-order': m.service_exit_order,
	'collect-document': m.service_collect_document,
	'file-inspection': m.service_file_inspection,
	'present-original': m.service_present_original,
	'report-changes': m.service_report_changes,
	'residence-confirmation': m.service_residence_confirmation,
	'temporary-protection': m.service_temporary_protection
};

export function serviceName(slug: string, locale?: Locale): string {
	// Own keys only: `__proto__` from a form is a slug like any other, not a property to call.
	return Object.hasOwn(NAMES, slug) ? NAMES[slug]!({}, { locale }) : slug;
}

/** Actions as a select's options: the id as its value, the name in `locale`. */
export function serviceOptions(
	services: readonly { id: number; slug: string }[],
	locale?: Locale
): { code: string; name: string }[] {
	return services.map((s) => ({ code: String(s.id), name: serviceName(s.slug, locale) }));
}
