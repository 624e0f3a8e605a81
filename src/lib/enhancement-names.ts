/** The enhancement modules in src/lib/client/enhance/, built to /_app/enhance/<name>.js (vite.config.ts). */
export const ENHANCEMENTS = [
	'save-proceeding',
	'saved-list',
	'checklist-ticks',
	'saved-checklists',
	'counter-scan',
	'save-booking',
	'saved-bookings',
	'proof-of-work',
	'altcha-widget',
	'hold-countdown',
	'share-context',
	'save-context',
	'saved-contexts',
	'save-draw',
	'saved-draws',
	'copy-link',
	'agent-desk'
] as const;
export type Enhancement = (typeof ENHANCEMENTS)[number];
