// `npm run draw:verify -- <release page URL>`: fetches a draw's public page and recomputes its
// order from what is published there (docs/adr/0009). Exit 0 when it matches, 1 when not.
import { verifyReleasePage } from '../src/lib/draw-verify';

const url = process.argv[2];
if (!url) {
	console.error('usage: npm run draw:verify -- <release page URL>');
	process.exit(2);
}
const response = await fetch(url, { headers: { 'sec-fetch-dest': 'document' } });
if (!response.ok) {
	console.error(`draw:verify: ${url} answered ${response.status}`);
	process.exit(1);
}
const verdict = verifyReleasePage(await response.text());
if (verdict.ok) {
	console.log(
		`draw:verify: OK — ${verdict.entries} entries; the seed matches commitment ${verdict.commitment} and the published order is the recomputed one`
	);
} else {
	console.error(`draw:verify: FAILED — ${verdict.reason}`);
	process.exit(1);
}
