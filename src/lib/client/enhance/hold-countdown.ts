// The 10-minute hold, counted down on the details and check pages. The server's figure of the
// seconds left is the start (the browser's clock may be wrong); screen readers hear the two-minute
// warning and the end, not every second.
const box = document.querySelector<HTMLElement>('[data-hold-countdown]');
const timer = box?.querySelector<HTMLElement>('[role="timer"]');
const announce = box?.querySelector<HTMLElement>('[role="status"]');

if (box && timer && announce) {
	const { label = '{time}', warning = '', expired = '', again = '' } = box.dataset;
	const ends = performance.now() + Number(box.dataset.remaining ?? 0) * 1000;
	let warned = false;
	timer.hidden = false;
	const tick = () => {
		const left = Math.max(0, Math.round((ends - performance.now()) / 1000));
		const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
		timer.textContent = label.replace('{time}', clock);
		if (left <= 120 && !warned) {
			warned = true;
			announce.textContent = warning;
			box.classList.add('gov-message--warning');
		}
		if (left === 0) {
			clearInterval(interval);
			announce.textContent = expired;
			const link = document.createElement('a');
			link.href = again;
			link.textContent = expired;
			timer.replaceChildren(link);
			for (const button of document.querySelectorAll<HTMLButtonElement>(
				'form button[type="submit"]'
			))
				button.disabled = true;
		}
	};
	const interval = setInterval(tick, 1000);
	tick();
}

export {};
