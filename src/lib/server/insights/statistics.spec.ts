import { describe, expect, it } from 'vitest';
import {
	groupSearchVariants,
	poissonUpperTail,
	searchVariantKey,
	spikeTest,
	suppressSmall,
	toCsv
} from './statistics';

describe('search variants', () => {
	it('counts spellings that differ by case, diacritics and whitespace together', () => {
		expect(searchVariantKey('  Zaměstnanecká   KARTA ')).toBe('zamestnanecka karta');
		const grouped = groupSearchVariants([
			{ query: 'zaměstnanecká karta', searches: 3, zeroResults: 0 },
			{ query: 'Zamestnanecka  karta', searches: 2, zeroResults: 1 },
			{ query: 'ZAMĚSTNANECKÁ KARTA', searches: 1, zeroResults: 0 },
			{ query: 'Thẻ lao động', searches: 2, zeroResults: 2 },
			{ query: 'the lao dong', searches: 1, zeroResults: 1 },
			{ query: 'паспорт', searches: 1, zeroResults: 0 },
			{ query: '  ', searches: 4, zeroResults: 4 }
		]);
		expect(grouped).toEqual([
			{ term: 'zamestnanecka karta', searches: 6, zeroResults: 1 },
			{ term: 'the lao dong', searches: 3, zeroResults: 3 },
			{ term: 'паспорт', searches: 1, zeroResults: 0 }
		]);
	});

	it('keeps different words apart', () => {
		expect(
			groupSearchVariants([
				{ query: 'pas', searches: 1, zeroResults: 0 },
				{ query: 'pás', searches: 1, zeroResults: 0 },
				{ query: 'pasy', searches: 1, zeroResults: 0 }
			]).map((g) => [g.term, g.searches])
		).toEqual([
			['pas', 2],
			['pasy', 1]
		]);
	});
});

describe('Poisson upper tail', () => {
	it('matches known values', () => {
		// P(X ≥ 1 | λ = 1) = 1 − e^−1
		expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 10);
		// P(X ≥ 10 | λ = 3) ≈ 0.001102
		expect(poissonUpperTail(10, 3)).toBeCloseTo(0.0011025, 6);
		// P(X ≥ 3 | λ = 5) = 1 − e^−5 (1 + 5 + 12.5)
		expect(poissonUpperTail(3, 5)).toBeCloseTo(1 - Math.exp(-5) * 18.5, 10);
		expect(poissonUpperTail(0, 4)).toBe(1);
		expect(poissonUpperTail(400, 100)).toBeLessThan(1e-50);
	});
});

/** A deterministic pseudo-random Poisson sampler (Knuth), so the noise test cannot flake. */
function sampler(seed: number) {
	let state = seed;
	const random = () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
	return (lambda: number) => {
		const limit = Math.exp(-lambda);
		let k = 0;
		let p = 1;
		do {
			k++;
			p *= random();
		} while (p > limit);
		return k - 1;
	};
}

describe('spike rule', () => {
	it('fires on a planted spike', () => {
		const spike = spikeTest(30, [8, 11, 9, 10, 12, 9, 10, 11]);
		expect(spike.fires).toBe(true);
		expect(spike.baseline).toBe(10);
		expect(spike.pValue).toBeLessThan(0.01);
	});

	it('fires on a new term that suddenly appears, but not on a handful', () => {
		expect(spikeTest(12, [0, 0, 0, 0, 0, 0, 0, 0]).fires).toBe(true);
		expect(spikeTest(4, [0, 0, 0, 0, 0, 0, 0, 0]).fires).toBe(false);
	});

	it('stays quiet on Poisson noise at the stated rate', () => {
		const draw = sampler(42);
		let fired = 0;
		const trials = 2000;
		for (let i = 0; i < trials; i++) {
			const lambda = [2, 10, 40][i % 3]!;
			const weeks = Array.from({ length: 8 }, () => draw(lambda));
			if (spikeTest(draw(lambda), weeks).fires) fired++;
		}
		// A test at p < 0.01 may fire on about 1 % of pure noise (a little more, as the baseline
		// is itself estimated from 8 weeks); it must not fire on, say, one series in ten.
		expect(fired / trials).toBeLessThan(0.03);
	});

	it('does not fire on an ordinary busy week', () => {
		expect(spikeTest(14, [8, 11, 9, 10, 12, 9, 10, 11]).fires).toBe(false);
	});
});

describe('small counts', () => {
	it('shows counts below 5 as <5', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 120].map(suppressSmall)).toEqual([
			'<5',
			'<5',
			'<5',
			'<5',
			'<5',
			'5',
			'6',
			'120'
		]);
	});
});

describe('CSV', () => {
	it('quotes what needs quoting and defuses formulas', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x, y', 1],
					['=cmd()', 'say "hi"']
				]
			)
		).toBe('a,b\r\n"x, y",1\r\n\'=cmd(),"say ""hi"""\r\n');
	});
});
