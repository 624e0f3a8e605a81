// The agent's workstation, keyboard first (issue 17 point 3): every element with
// `data-shortcut="Alt+T"` (and aria-keyshortcuts, which screen readers announce) takes focus on
// that key; a form with `data-shortcut-submit` is sent by its key; on the console, digits typed
// anywhere go into the code field. The call timer counts up from the server's figure.
const EDITABLE = 'input, textarea, select, [contenteditable="true"]';

/** `Alt+T`, `Control+Enter`, `Alt+1` from a key event, by physical key (layout-independent). */
function combo(event: KeyboardEvent): string {
	const key =
		/^Key([A-Z])$/.exec(event.code)?.[1] ?? /^Digit(\d)$/.exec(event.code)?.[1] ?? event.key;
	return [event.ctrlKey && 'Control', event.altKey && 'Alt', event.shiftKey && 'Shift', key]
		.filter(Boolean)
		.join('+');
}

/** Focus inside a target: a group's chosen (or first) box, a pane itself, a field. */
function focusTarget(target: HTMLElement): void {
	if (target instanceof HTMLFieldSetElement) {
		const inputs = [...target.querySelectorAll<HTMLInputElement>('input')];
		(inputs.find((i) => i.checked) ?? inputs[0])?.focus();
	} else {
		target.focus();
	}
	target.scrollIntoView({ block: 'nearest' });
}

document.addEventListener('keydown', (event) => {
	const pressed = combo(event);
	for (const target of document.querySelectorAll<HTMLElement>('[data-shortcut]')) {
		if (target.dataset.shortcut === pressed) {
			event.preventDefault();
			focusTarget(target);
			return;
		}
	}
	for (const form of document.querySelectorAll<HTMLFormElement>('form[data-shortcut-submit]')) {
		if (form.dataset.shortcutSubmit === pressed) {
			event.preventDefault();
			form.requestSubmit();
			return;
		}
	}
	const code = document.querySelector<HTMLInputElement>('[data-code-field]');
	const typing = event.target instanceof Element && event.target.closest(EDITABLE);
	if (
		code &&
		!typing &&
		/^\d$/.test(event.key) &&
		!event.ctrlKey &&
		!event.altKey &&
		!event.metaKey
	) {
		event.preventDefault();
		code.focus();
		code.value += event.key;
	}
});

const timer = document.querySelector<HTMLElement>('[data-call-timer]');
if (timer) {
	const started = performance.now() - Number(timer.dataset.elapsed ?? 0) * 1000;
	const tick = () => {
		const seconds = Math.floor((performance.now() - started) / 1000);
		const hours = Math.floor(seconds / 3600);
		const rest = `${Math.floor((seconds % 3600) / 60)}:${String(seconds % 60).padStart(2, '0')}`;
		timer.textContent = hours > 0 ? `${hours}:${rest.padStart(5, '0')}` : rest;
	};
	setInterval(tick, 1000);
}

export {};
