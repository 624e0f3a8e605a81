import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commitmentOf, drawKey, drawOrder } from './draw-order';
import { verifyReleasePage } from './draw-verify';

/** A page shaped as the release page writes it. */
function page(seed: Buffer, order: string[], commitment = commitmentOf(seed)): string {
	const rows = order
		.map(
			(id, i) =>
				`<tr data-public-id="${id}"><td>${i + 1}</td><td><code>${id}</code></td><td><code class="draw-hex">${drawKey(seed, id)}</code></td></tr>`
		)
		.join('');
	return `<p><code id="draw-commitment" class="draw-hex">${commitment}</code></p>
<p><code id="draw-seed" class="draw-hex">${seed.toString('hex')}</code></p>
<table id="draw-order" class="draw-table"><tbody>${rows}</tbody></table>`;
}

describe('draw:verify', () => {
	const seed = randomBytes(32);
	const ids = Array.from({ length: 12 }, () => randomBytes(9).toString('base64url'));
	const order = drawOrder(seed, ids);

	it('accepts the order recomputed from the seed', () => {
		expect(verifyReleasePage(page(seed, order))).toMatchObject({ ok: true, entries: 12 });
	});

	it('refuses an altered order, a seed that is not the committed one, or a missing seed', () => {
		const swapped = [order[1]!, order[0]!, ...order.slice(2)];
		expect(verifyReleasePage(page(seed, swapped))).toMatchObject({ ok: false });
		expect(verifyReleasePage(page(seed, order, commitmentOf(randomBytes(32))))).toMatchObject({
			ok: false
		});
		expect(verifyReleasePage(page(seed, order).replace(/id="draw-seed"/, 'id="x"'))).toMatchObject({
			ok: false
		});
	});
});
