// On a status result: "Save on this phone" (IndexedDB, with explicit consent).
import { saveProceeding } from '../saved-proceedings';

const section = document.getElementById('save-proceeding');
const consent = document.getElementById('save-consent') as HTMLInputElement | null;
const button = document.getElementById('save-button');
const status = document.getElementById('save-status');

if (section && consent && button && status && 'indexedDB' in window) {
	section.hidden = false;
	button.addEventListener('click', () => {
		if (!consent.checked) {
			status.textContent = status.dataset.needConsent ?? '';
			consent.focus();
			return;
		}
		const { number = '', birthDate = '', stage = '', stageTitle = '' } = section.dataset;
		saveProceeding({ number, birthDate, stage, stageTitle, checkedAt: new Date().toISOString() })
			.then(() => {
				status.textContent = status.dataset.saved ?? '';
				button.setAttribute('disabled', '');
				// Anonymous: only the stage, for the yearly report.
				navigator.sendBeacon?.(
					section.dataset.usage ?? '/api/v1/usage',
					new Blob([JSON.stringify({ kind: 'status_saved', stage })], { type: 'application/json' })
				);
			})
			.catch(() => {
				status.textContent = '';
			});
	});
}
