// On /help/shared: the code just shared is kept on this device (listed on /my until it expires);
// a withdrawn one is forgotten.
import { removeContext, saveContext } from '../saved-contexts';

const shared = document.getElementById('shared-context');
const withdrawn = document.getElementById('context-withdrawn');

if ('indexedDB' in window) {
	if (shared) {
		const { code = '', token = '', expires = '', until = '' } = shared.dataset;
		void saveContext({ code, token, expiresAt: expires, until }).then(() => {
			const note = document.getElementById('context-saved');
			if (note) note.hidden = false;
		});
	}
	if (withdrawn?.dataset.token) void removeContext(withdrawn.dataset.token);
}
