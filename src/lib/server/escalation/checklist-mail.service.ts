// "Send me the checklist": during a call the agent e-mails the caller the public link to the
// checklist they shared, in the language they shared it in. The address is used for this one
// message (the outbox) and never stored with the case or logged.
import { m } from '../../paraglide/messages';
import { isLocale, type Locale } from '../../paraglide/runtime';
import { localizeHref } from '../../i18n';
import { requireRole, type Actor } from '../accounts/access';
import { audit } from '../audit/audit.service';
import { getChecklist } from '../content/content.service';
import { isEmailAddress } from '../mail/email-address';
import { enqueueMail } from '../mail/outbox.service';
import { UUID_PATTERN } from '../security/tokens';
import { getConfig } from '../config';
import { OPEN_REASONS } from './agent-console.service';
import { findCase } from './cases.repository';
import { findContext } from './contexts.repository';

export type ChecklistMailResult =
	| { kind: 'sent' }
	| { kind: 'invalid_email' }
	| { kind: 'not_found' }
	/** The case has no active context with a checklist. */
	| { kind: 'no_checklist' };

export async function sendChecklistLink(
	actor: Actor | null,
	caseId: string,
	email: string,
	now: Date,
	origin: string = getConfig().publicOrigin
): Promise<ChecklistMailResult> {
	const agent = requireRole(actor, 'agent');
	const address = email.trim();
	if (!isEmailAddress(address)) return { kind: 'invalid_email' };
	const hotlineCase = UUID_PATTERN.test(caseId) ? await findCase(caseId) : null;
	if (!hotlineCase) return { kind: 'not_found' };
	const context = hotlineCase.contextId ? await findContext({ id: hotlineCase.contextId }) : null;
	if (!context?.checklistSlug || context.withdrawnAt || context.expiresAt <= now)
		return { kind: 'no_checklist' };
	const locale: Locale = isLocale(context.locale) ? context.locale : 'cs';
	const checklist = await getChecklist(context.checklistSlug, locale, now);
	if (!checklist) return { kind: 'no_checklist' };
	const o = { locale };
	const link = `${origin}${localizeHref(`/checklists/${checklist.slug}`, o)}`;
	await enqueueMail([
		{
			to: address,
			subject: m.checklist_email_subject({ title: checklist.title }, o),
			text: m.checklist_email_body({ title: checklist.title, link }, o),
			listUnsubscribe: null
		}
	]);
	await audit(
		agent,
		{
			action: 'case.checklist_mail',
			subjectType: 'case',
			subjectId: hotlineCase.id,
			reason: OPEN_REASONS.case
		},
		now
	);
	return { kind: 'sent' };
}
