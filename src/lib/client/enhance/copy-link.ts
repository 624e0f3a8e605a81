// Copy and share buttons for a link shown as text (the agent link on /help/shared). Without
// JavaScript, or without the Clipboard or Web Share API, the buttons stay hidden and the link
// can still be selected and copied by hand.
const status = document.querySelector<HTMLElement>('[data-copy-status]');

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
	if (!navigator.clipboard) continue;
	button.hidden = false;
	button.addEventListener('click', () => {
		navigator.clipboard.writeText(button.dataset.copy ?? '').then(
			() => {
				if (status) status.textContent = status.dataset.copied ?? '';
			},
			() => {
				if (status) status.textContent = status.dataset.failed ?? '';
			}
		);
	});
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-share]')) {
	const data = { title: button.dataset.title ?? document.title, url: button.dataset.share ?? '' };
	if (!navigator.share || (navigator.canShare && !navigator.canShare(data))) continue;
	button.hidden = false;
	button.addEventListener('click', () => {
		// Cancelling the share sheet rejects: nothing to say then.
		navigator.share(data).catch(() => undefined);
	});
}

export {};
