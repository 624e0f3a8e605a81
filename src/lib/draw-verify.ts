// `npm run draw:verify -- <release page URL>` (issue 13): recomputes a draw's order from its
// published page alone — the seed, the commitment and the public ids in their published order.
import { commitmentOf, drawOrder, SEED_HEX } from './draw-order';

export type Verdict =
	{ ok: true; entries: number; commitment: string } | { ok: false; reason: string };

const textOf = (html: string, id: string): string | null => {
	const match = new RegExp(`id="${id}"[^>]*>\\s*([^<]*?)\\s*<`).exec(html);
	return match ? match[1]! : null;
};

export function verifyReleasePage(html: string): Verdict {
	const seedHex = textOf(html, 'draw-seed');
	const commitment = textOf(html, 'draw-commitment');
	if (!seedHex) return { ok: false, reason: 'no seed on the page (not drawn yet?)' };
	if (!SEED_HEX.test(seedHex)) return { ok: false, reason: 'the seed is not 32 bytes of hex' };
	if (!commitment) return { ok: false, reason: 'no commitment on the page' };
	const seed = Buffer.from(seedHex, 'hex');
	if (commitmentOf(seed) !== commitment)
		return { ok: false, reason: 'SHA-256 of the seed is not the published commitment' };
	const table = /<table[^>]*id="draw-order"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
	const published = [...table.matchAll(/data-public-id="([^"]*)"/g)].map((m) => m[1]!);
	if (new Set(published).size !== published.length)
		return { ok: false, reason: 'a public id appears twice' };
	const recomputed = drawOrder(seed, published);
	const first = recomputed.findIndex((id, i) => id !== published[i]);
	if (first !== -1)
		return {
			ok: false,
			reason: `the published order differs from the recomputed one at place ${first + 1}`
		};
	return { ok: true, entries: published.length, commitment };
}
