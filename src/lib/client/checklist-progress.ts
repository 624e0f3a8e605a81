import { deviceDb, type ChecklistProgress } from './device-db';

export type { ChecklistProgress };

export async function getProgress(slug: string): Promise<ChecklistProgress | undefined> {
	return (await deviceDb()).get('checklists', slug);
}

/** Stores the ticks; a checklist with nothing ticked is forgotten. */
export async function saveProgress(progress: ChecklistProgress): Promise<void> {
	const db = await deviceDb();
	if (progress.ticked.length === 0) await db.delete('checklists', progress.slug);
	else await db.put('checklists', progress);
}

export async function listProgress(): Promise<ChecklistProgress[]> {
	const all = await (await deviceDb()).getAll('checklists');
	return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function removeProgress(slug: string): Promise<void> {
	await (await deviceDb()).delete('checklists', slug);
}
