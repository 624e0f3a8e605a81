// Before a seat is held the browser solves a small proof of work (altcha, self-hosted). The
// widget loads when the person first touches the form and works while they choose; pressing the
// button before it is done waits for it, saying so ("checking…"), then sends the form. Without
// JavaScript the form posts without a proof and the server applies a smaller per-address budget
// instead (docs/adr/0004).
type Widget = HTMLElement & { getState?: () => string };

const slot = document.querySelector<HTMLElement>('[data-proof-of-work]');
const form = slot?.closest('form');

if (slot && form) {
	slot.dataset.ready = 'yes';
	// The widget's own checkbox is `required`: left to the browser, a tap before the proof is done
	// is stopped by a validation bubble nobody sees, before any submit event (issue 11, point 1).
	// The server checks the choice of time anyway.
	form.noValidate = true;
	const status = form.querySelector<HTMLElement>('[data-proof-status]');
	const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
	let widget: Widget | null = null;
	let submitWhenVerified = false;

	const waiting = (on: boolean) => {
		if (status) status.textContent = on ? (status.dataset.checking ?? '') : '';
		status?.classList.toggle('proof-status--busy', on);
		if (button) button.setAttribute('aria-disabled', on ? 'true' : 'false');
	};
	const send = () => {
		submitWhenVerified = false;
		form.requestSubmit();
	};

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
			if (submitWhenVerified && (state === 'verified' || state === 'error')) send();
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
		if (state === 'verified' || state === 'error' || state === 'timeout') return;
		event.preventDefault();
		if (submitWhenVerified) return;
		submitWhenVerified = true;
		waiting(true);
		// A phone too slow or a widget that never answers: after 20 s the form goes without a
		// proof (the server's smaller budget), never a dead end.
		setTimeout(() => {
			if (!submitWhenVerified) return;
			slot.dataset.state = 'timeout';
			send();
		}, 20_000);
	});
	// Back from the next page (bfcache): the form is ready again.
	window.addEventListener('pageshow', () => waiting(false));
}

export {};
