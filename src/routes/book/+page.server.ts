import type { PageServerLoad } from './$types';
import { listServices } from '$lib/server/booking/booking-offer.service';

export const load: PageServerLoad = async () => ({ services: await listServices() });
