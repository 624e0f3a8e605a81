import type { PageServerLoad } from './$types';
import { getConfig } from '$lib/server/config';

export const load: PageServerLoad = () => ({ email: getConfig().contactEmail });
