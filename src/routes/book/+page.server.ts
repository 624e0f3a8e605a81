import type { PageServerLoad } from './$types';
import { listServices } from '$lib/server/booking/booking-flow.service';

export const load: PageServerLoad = async () => ({ services: await listServices() });
