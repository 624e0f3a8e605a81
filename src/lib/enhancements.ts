import { dev, version } from '$app/environment';
import type { Enhancement } from './enhancement-names';

/** Where a page loads an enhancement from: the source in dev, the built file (per release) otherwise. */
export function enhancementSrc(name: Enhancement): string {
	return dev ? `/src/lib/client/enhance/${name}.ts` : `/_app/enhance/${name}.js?v=${version}`;
}
