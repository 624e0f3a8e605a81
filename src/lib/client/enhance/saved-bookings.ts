// On /my: the bookings kept on this device, with their QR codes, also offline.
import { listBookings, removeBooking, type SavedBooking } from '../saved-bookings';

const section = document.getElementById('saved-bookings');
const list = document.getElementById('bookings-list');
const empty = document.getElementById('bookings-empty');
const template = document.getElementById('saved-booking-item') as HTMLTemplateElement | null;

function render(items: SavedBooking[]): void {
	if (!section || !list || !template) return;
	list.replaceChildren();
	if (empty) empty.hidden = items.length > 0;
	for (const item of items) {
		const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
		const link = node.querySelector('a')!;
		link.textContent = item.reference;
		link.href = item.href;
		node.querySelector('.saved__what')!.textContent = item.service;
		node.querySelector('.saved__when')!.textContent = item.when;
		node.querySelector('.saved__where')!.textContent = item.where;
		const qr = node.querySelector('.booking-qr')!;
		qr.setAttribute('aria-label', `${qr.getAttribute('aria-label') ?? ''} ${item.reference}`);
		// Drawn by our server; parsed as SVG, never as HTML, and nothing in it runs.
		const svg = new DOMParser().parseFromString(item.qrSvg, 'image/svg+xml').documentElement;
		if (svg.nodeName === 'svg') qr.append(document.importNode(svg, true));
		const remove = node.querySelector('button')!;
		remove.setAttribute('aria-label', `${remove.textContent?.trim() ?? ''}: ${item.reference}`);
		remove.addEventListener('click', () => {
			void removeBooking(item.reference).then(async () => render(await listBookings()));
		});
		list.append(node);
	}
}

if (section && 'indexedDB' in window) {
	section.hidden = false;
	void listBookings().then(render);
}
