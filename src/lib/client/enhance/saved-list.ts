// On /my: the proceedings kept on this device, refreshed when online, last known state offline.
import {
	listProceedings,
	removeProceeding,
	saveProceeding,
	type SavedProceeding
} from '../saved-proceedings';

const section = document.getElementById('saved-proceedings');
const list = document.getElementById('saved-list');
const template = document.getElementById('saved-item') as HTMLTemplateElement | null;
const empty = document.getElementById('saved-empty');
const offline = document.getElementById('saved-offline');
const status = document.getElementById('saved-status');
const when = new Intl.DateTimeFormat(document.documentElement.lang, {
	dateStyle: 'medium',
	timeStyle: 'short'
});

function render(items: SavedProceeding[]): void {
	if (!list || !template || !empty || !section) return;
	list.replaceChildren();
	empty.hidden = items.length > 0;
	for (const item of items) {
		const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
		node.querySelector('.saved__number')!.textContent = item.number;
		node.querySelector('.saved__stage')!.textContent = item.stageTitle;
		node.querySelector('.saved__checked')!.textContent = (section.dataset.checked ?? '').replace(
			'{time}',
			when.format(new Date(item.checkedAt))
		);
		const remove = node.querySelector('.saved__remove') as HTMLButtonElement;
		remove.setAttribute('aria-label', `${remove.textContent ?? ''} ${item.number}`);
		remove.addEventListener('click', () => {
			void removeProceeding(item.number).then(async () => {
				if (status) status.textContent = section.dataset.removed ?? '';
				render(await listProceedings());
			});
		});
		list.append(node);
	}
}

async function refresh(items: SavedProceeding[]): Promise<SavedProceeding[]> {
	const api = section?.dataset.api;
	if (!api) return items;
	return Promise.all(
		items.map(async (item) => {
			try {
				const response = await fetch(api, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ number: item.number, birthDate: item.birthDate })
				});
				if (!response.ok) return item;
				const fresh = (await response.json()) as { stage: string; stageTitle: string };
				const updated = {
					...item,
					stage: fresh.stage,
					stageTitle: fresh.stageTitle,
					checkedAt: new Date().toISOString()
				};
				await saveProceeding(updated);
				return updated;
			} catch {
				return item; // Offline or flaky: keep what we last knew.
			}
		})
	);
}

async function start(): Promise<void> {
	if (!section || !('indexedDB' in window)) return;
	document.getElementById('my-needs-js')?.setAttribute('hidden', '');
	section.hidden = false;
	const items = await listProceedings();
	render(items);
	if (offline) offline.hidden = navigator.onLine;
	if (navigator.onLine && items.length > 0) render(await refresh(items));
}

void start();
