// On /help/shared: the code just shared is kept on this device (listed on /my until it expires);
// a withdrawn one is forgotten.
import { removeContext, saveContext } from '../saved-contexts';

const shared = document.getElementById('shared-context');
const withdrawn = document.getElementById('context-withdrawn');

if ('indexedDB' in window) {
	if (shared) {
		const { code = '', token = '', validSeconds = '0', until = '' } = shared.dataset;
		const expiresAt = new Date(Date.now() + Number(validSeconds) * 1000).toISOString();
		void saveContext({ code, token, expiresAt, until }).then(() => {
			const note = document.getElementById('context-saved');
			if (note) note.hidden = false;
		});
	}
	if (withdrawn?.dataset.token) void removeContext(withdrawn.dataset.token);
}
