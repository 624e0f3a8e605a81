// On a checklist: "I have this" ticks kept on this device, progress, print and share.
// Without this script the ticks are plain boxes to print and tick by hand.
import { getProgress, saveProgress } from '../checklist-progress';

const tools = document.getElementById('checklist-ticks');
const progress = document.getElementById('checklist-progress');
const shareStatus = document.getElementById('checklist-share-status');
const boxes = Array.from(document.querySelectorAll<HTMLInputElement>('input.checklist__tick'));

function showProgress(): void {
	if (!tools || !progress) return;
	const done = boxes.filter((b) => b.checked).length;
	progress.textContent = (tools.dataset.progress ?? '')
		.replace('{done}', String(done))
		.replace('{total}', String(boxes.length));
}

async function start(): Promise<void> {
	if (!tools || !('indexedDB' in window)) return;
	const { slug = '', title = '', href = location.pathname, version = '0' } = tools.dataset;
	const saved = await getProgress(slug);
	const ticked = new Set(saved?.ticked ?? []);
	for (const box of boxes) box.checked = ticked.has(box.value);
	tools.hidden = false;
	showProgress();
	for (const box of boxes) {
		box.addEventListener('change', () => {
			showProgress();
			void saveProgress({
				slug,
				title,
				href,
				version: Number(version),
				ticked: boxes.filter((b) => b.checked).map((b) => b.value),
				total: boxes.length,
				updatedAt: new Date().toISOString()
			});
		});
	}
	tools.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());
	tools.querySelector('[data-action="share"]')?.addEventListener('click', () => {
		const url = new URL(href, location.origin).toString();
		if (navigator.share) {
			navigator.share({ title, url }).catch(() => {
				// The person closed the share sheet.
			});
			return;
		}
		void navigator.clipboard
			?.writeText(url)
			.then(() => {
				if (shareStatus) shareStatus.textContent = tools.dataset.copied ?? '';
			})
			.catch(() => {
				if (shareStatus) shareStatus.textContent = url;
			});
	});
}

// Anonymous, for the report on unclear content: which checklists people read and print.
function usage(kind: 'checklist_viewed' | 'checklist_printed'): void {
	if (tools?.dataset.slug)
		navigator.sendBeacon?.(
			tools.dataset.usage ?? '/api/v1/usage',
			new Blob([JSON.stringify({ kind, checklist: tools.dataset.slug })], {
				type: 'application/json'
			})
		);
}
usage('checklist_viewed');
window.addEventListener('beforeprint', () => usage('checklist_printed'));

void start();
