// On /help: what is shared about a checklist are the documents this device has NOT ticked. The
// ticks live only here (IndexedDB), so they are added to the forms, and the list shown to the
// person is cut to what is really shared.
import { getProgress } from '../checklist-progress';

const item = document.getElementById('share-checklist');

if (item?.dataset.slug && 'indexedDB' in window) {
	void getProgress(item.dataset.slug).then((progress) => {
		const ticked = new Set(progress?.ticked ?? []);
		for (const holder of document.querySelectorAll<HTMLElement>('[data-ticked]')) {
			holder.replaceChildren(
				...[...ticked].map((key) => {
					const input = document.createElement('input');
					input.type = 'hidden';
					input.name = 'ticked';
					input.value = key;
					return input;
				})
			);
		}
		let left = 0;
		for (const li of item.querySelectorAll<HTMLElement>('.share-unticked li')) {
			li.hidden = ticked.has(li.dataset.key ?? '');
			if (!li.hidden) left++;
		}
		const text = item.querySelector('.share-checklist__text');
		if (text && item.dataset.template)
			text.textContent = item.dataset.template.replace('{count}', String(left));
	});
}

export {};
