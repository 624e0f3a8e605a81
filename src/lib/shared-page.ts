// What page the caller was on, named as people name it (issue 17: agents see titles, never raw
// paths such as `/uk/checklists/employee-card`), in the agent's language and the caller's — and
// on the help page, where the person sees what the agent will see.
import { m } from './paraglide/messages';
import type { Locale } from './paraglide/runtime';
import { delocalizePath } from './i18n';
import { serviceName } from './service-names';

/**
 * The title of a shared page in one language. A checklist page takes the checklist's own title
 * (`checklistTitle`, when the caller shared that checklist); a booking step names the action.
 */
export function sharedPageTitle(
	pagePath: string,
	locale: Locale,
	checklistTitle: string | null = null
): string {
	const o = { locale };
	const [area = '', detail] = delocalizePath(pagePath).split('/').slice(1);
	switch (area) {
		case '':
			return m.home_title({}, o);
		case 'status':
			return m.page_status_title({}, o);
		case 'checklists':
			return detail && checklistTitle ? checklistTitle : m.page_checklists_title({}, o);
		case 'book':
			return detail
				? `${m.page_book_title({}, o)}: ${serviceName(detail, locale)}`
				: m.page_book_title({}, o);
		case 'booking':
			return m.booking_title({}, o);
		case 'help':
			return m.page_help_title({}, o);
		case 'my':
			return m.page_my_title({}, o);
		case 'contact':
			return m.contact_title({}, o);
		default:
			return m.site_name({}, o);
	}
}
