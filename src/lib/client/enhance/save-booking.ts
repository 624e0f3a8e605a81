// On a booking's page: keep it on this device (listed on /my, readable offline); a cancelled
// booking is forgotten.
import { removeBooking, saveBooking } from '../saved-bookings';

const section = document.getElementById('booking-card');

if (section && 'indexedDB' in window) {
	const {
		reference = '',
		service = '',
		when = '',
		where = '',
		startsAt = '',
		state
	} = section.dataset;
	const qr = section.querySelector('.booking-qr svg');
	const done =
		state === 'active'
			? saveBooking({
					reference,
					href: location.pathname,
					service,
					when,
					where,
					startsAt,
					qrSvg: qr ? qr.outerHTML : ''
				})
			: removeBooking(reference);
	void done.then(() => {
		const note = document.getElementById('booking-saved');
		if (note && state === 'active') note.hidden = false;
	});
}
