// On a draw entry's page: keep its link on this device (listed on /my) with its last state.
import { saveDraw } from '../saved-draws';

const section = document.getElementById('draw-entry');

if (section && 'indexedDB' in window) {
	const { what = '', when = '', state = '', drawAt = '' } = section.dataset;
	void saveDraw({ href: location.pathname, what, when, state, drawAt }).then(() => {
		const note = document.getElementById('draw-saved');
		if (note) note.hidden = false;
	});
}
