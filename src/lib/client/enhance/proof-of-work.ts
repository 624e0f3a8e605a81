// Before a seat is held the browser solves a small proof of work (altcha, self-hosted). The
// widget loads when the person first touches the form and works while they choose; pressing the
// button before it is done waits for it. Without JavaScript the form posts without a proof and
// the server applies a smaller per-address budget instead (docs/adr/0004).
type Widget = HTMLElement & { getState?: () => string };

const slot = document.querySelector<HTMLElement>('[data-proof-of-work]');
const form = slot?.closest('form');

if (slot && form) {
	slot.dataset.ready = 'yes';
	let widget: Widget | null = null;
	let submitWhenVerified = false;

	const start = () => {
		if (widget) return;
		widget = document.createElement('altcha-widget') as Widget;
		widget.setAttribute('challenge', slot.dataset.challenge ?? '/api/altcha');
		widget.setAttribute('name', 'altcha');
		widget.setAttribute('auto', 'onload');
		widget.setAttribute('language', document.documentElement.lang || 'cs');
		widget.setAttribute('configuration', JSON.stringify({ hideLogo: true, minDuration: 0 }));
		widget.addEventListener('statechange', (event) => {
			const { state } = (event as CustomEvent<{ state: string }>).detail;
			slot.dataset.state = state;
			// A failed proof falls back to posting without one (the small budget), never a dead end.
			if (submitWhenVerified && (state === 'verified' || state === 'error')) {
				submitWhenVerified = false;
				form.requestSubmit();
			}
		});
		slot.append(widget);
		const script = document.createElement('script');
		script.type = 'module';
		script.src = slot.dataset.widget ?? '';
		document.head.append(script);
	};

	form.addEventListener('pointerdown', start, { once: true });
	form.addEventListener('focusin', start, { once: true });
	form.addEventListener('submit', (event) => {
		start();
		const state = slot.dataset.state;
		if (state !== 'verified' && state !== 'error' && state !== 'timeout') {
			event.preventDefault();
			if (submitWhenVerified) return;
			submitWhenVerified = true;
			// A phone too slow or a widget that never answers: after 20 s the form goes without a
			// proof (the server's smaller budget), never a dead end.
			setTimeout(() => {
				if (!submitWhenVerified) return;
				submitWhenVerified = false;
				slot.dataset.state = 'timeout';
				form.requestSubmit();
			}, 20_000);
		}
	});
}

export {};
