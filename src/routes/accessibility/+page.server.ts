import type { PageServerLoad } from './$types';
import { getConfig } from '$lib/server/startup';

export const load: PageServerLoad = () => ({ email: getConfig().contactEmail });
