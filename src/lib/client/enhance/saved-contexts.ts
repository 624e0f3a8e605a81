// On /my: the codes shared with the hotline that are still valid, each with its withdrawal.
import { listContexts, type SavedContext } from '../saved-contexts';

const section = document.getElementById('saved-contexts');
const list = document.getElementById('contexts-list');
const template = document.getElementById('saved-context-item') as HTMLTemplateElement | null;

function render(items: SavedContext[]): void {
	if (!section || !list || !template) return;
	section.hidden = items.length === 0;
	list.replaceChildren();
	for (const item of items) {
		const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
		node.querySelector('.context-code')!.textContent = item.code;
		node.querySelector('.saved__when')!.textContent = item.until;
		node.querySelector<HTMLInputElement>('input[name="token"]')!.value = item.token;
		const button = node.querySelector('button')!;
		button.setAttribute('aria-label', `${button.textContent?.trim() ?? ''}: ${item.code}`);
		list.append(node);
	}
}

if (section && 'indexedDB' in window) void listContexts().then(render);
