// On /my: the draw entries kept on this device, each a link to its private page.
import { listDraws, type SavedDraw } from '../saved-draws';

const section = document.getElementById('saved-draws');
const list = document.getElementById('draws-list');
const template = document.getElementById('saved-draw-item') as HTMLTemplateElement | null;

function render(items: SavedDraw[]): void {
	if (!section || !list || !template) return;
	section.hidden = items.length === 0;
	list.replaceChildren();
	for (const item of items) {
		const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
		const link = node.querySelector('a')!;
		link.href = item.href;
		link.textContent = item.what;
		node.querySelector('.saved__when')!.textContent = item.when;
		list.append(node);
	}
}

if (section && 'indexedDB' in window) void listDraws().then(render);
