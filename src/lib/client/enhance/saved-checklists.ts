// On /my: the checklists with ticks on this device, with progress; clear one to forget it.
import { listProgress, removeProgress, type ChecklistProgress } from '../checklist-progress';

const section = document.getElementById('saved-checklists');
const list = document.getElementById('checklists-list');
const empty = document.getElementById('checklists-empty');
const status = document.getElementById('checklists-status');
const template = document.getElementById('checklist-progress-item') as HTMLTemplateElement | null;

function render(items: ChecklistProgress[]): void {
	if (!section || !list || !template) return;
	list.replaceChildren();
	if (empty) empty.hidden = items.length > 0;
	for (const item of items) {
		const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
		const link = node.querySelector('a')!;
		link.textContent = item.title;
		link.href = item.href;
		node.querySelector('.saved__progress')!.textContent = (section.dataset.progress ?? '')
			.replace('{done}', String(item.ticked.length))
			.replace('{total}', String(item.total));
		const remove = node.querySelector('button')!;
		remove.setAttribute('aria-label', `${remove.textContent?.trim() ?? ''}: ${item.title}`);
		remove.addEventListener('click', () => {
			void removeProgress(item.slug).then(async () => {
				if (status) status.textContent = section.dataset.removed ?? '';
				render(await listProgress());
			});
		});
		list.append(node);
	}
}

if (section && 'indexedDB' in window) {
	section.hidden = false;
	void listProgress().then(render);
}
