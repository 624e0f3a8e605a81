// Pure rules of the insights report: grouping search variants, the spike test, suppression of
// small counts. No database, so each is unit-tested on its own (statistics.spec.ts).
import { foldForSearch } from '../content/search-text';

/**
 * The key that spelling variants of a search share: case, diacritics, punctuation and
 * whitespace do not count ("Zaměstnanecká  karta", "zamestnanecka karta" → one key).
 */
export const searchVariantKey = (query: string): string => foldForSearch(query);

export interface TermCount {
	term: string;
	searches: number;
	zeroResults: number;
}

/** Adds up searches whose spellings differ only by case, diacritics or whitespace. */
export function groupSearchVariants(
	rows: readonly { query: string; searches: number; zeroResults: number }[]
): TermCount[] {
	const groups = new Map<string, TermCount>();
	for (const row of rows) {
		const term = searchVariantKey(row.query);
		if (!term) continue;
		const group = groups.get(term) ?? { term, searches: 0, zeroResults: 0 };
		group.searches += row.searches;
		group.zeroResults += row.zeroResults;
		groups.set(term, group);
	}
	return [...groups.values()].sort((a, b) => b.searches - a.searches || (a.term < b.term ? -1 : 1));
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space so that large k and λ stay finite. */
export function poissonUpperTail(k: number, lambda: number): number {
	if (k <= 0) return 1;
	if (lambda <= 0) return 0;
	// 1 − P(X ≤ k − 1); the lower sum is accurate while k − 1 is below the mode, otherwise sum up.
	let term = Math.exp(-lambda);
	if (k - 1 < lambda) {
		let lower = term;
		for (let i = 1; i < k; i++) {
			term *= lambda / i;
			lower += term;
		}
		return Math.max(0, 1 - lower);
	}
	let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
	let upper = 0;
	for (let i = k; i < k + 1000; i++) {
		const t = Math.exp(logTerm);
		upper += t;
		if (t < upper * 1e-12) break;
		logTerm += Math.log(lambda) - Math.log(i + 1);
	}
	return Math.min(1, upper);
}

function logFactorial(n: number): number {
	let sum = 0;
	for (let i = 2; i <= n; i++) sum += Math.log(i);
	return sum;
}

/** The stated rule (docs/adr/0011): this week against the mean of the 8 weeks before it. */
export const SPIKE_RULE = {
	baselineWeeks: 8,
	pValue: 0.01,
	/** Fewer than this in the week is never a spike, whatever the baseline. */
	minCount: 5
} as const;

export interface SpikeTest {
	count: number;
	/** Mean weekly count over the baseline weeks (a floor of 0.5 so that "new" terms can fire). */
	baseline: number;
	pValue: number;
	fires: boolean;
}

/**
 * A one-sided Poisson test: the week's count is a spike when, were it drawn from a Poisson with
 * the trailing weeks' mean, a count this high would happen with probability below 1 %.
 */
export function spikeTest(count: number, trailing: readonly number[]): SpikeTest {
	const weeks = trailing.slice(-SPIKE_RULE.baselineWeeks);
	const mean = weeks.length === 0 ? 0 : weeks.reduce((a, b) => a + b, 0) / weeks.length;
	const baseline = Math.max(mean, 0.5);
	const pValue = poissonUpperTail(count, baseline);
	return {
		count,
		baseline: Math.round(mean * 100) / 100,
		pValue,
		fires: count >= SPIKE_RULE.minCount && pValue < SPIKE_RULE.pValue
	};
}

/** Counts below this are published as `<5` (open data): no person can be singled out. */
export const SUPPRESS_BELOW = 5;

export function suppressSmall(count: number): string {
	// Zero too: beside a suppressed total, a 0 would tell what the total hides.
	return count < SUPPRESS_BELOW ? `<${SUPPRESS_BELOW}` : String(count);
}

/** One CSV line per row, RFC 4180 quoting; a formula-like cell is prefixed so spreadsheets do not run it. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]) {
	const cell = (value: string | number) => {
		let text = String(value);
		if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
		return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
