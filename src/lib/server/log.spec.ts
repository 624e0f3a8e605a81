import { describe, expect, it } from 'vitest';
import { errorFacts } from './log';

describe('what is logged about an error', () => {
	it('keeps name, driver code and frames, never a failed query’s parameters', () => {
		const driver = Object.assign(new Error('invalid input syntax for type date: "1990-03-27"'), {
			code: '22007'
		});
		const wrapped = Object.assign(
			new Error(
				'Failed query: select … where birth_date = $1\nparams: 1990-03-27,novak@example.com'
			),
			{
				name: 'DrizzleQueryError',
				cause: driver
			}
		);
		const facts = errorFacts(wrapped);
		expect(facts.name).toBe('DrizzleQueryError');
		expect(facts.code).toBe('22007');
		expect(facts.frames).toMatch(/log\.spec\.ts/);
		expect(JSON.stringify(facts)).not.toMatch(/1990-03-27|novak@example\.com|Failed query/);
	});

	it('copes with things thrown that are not errors', () => {
		expect(errorFacts('boom')).toEqual({ name: 'string', code: undefined, frames: undefined });
		expect(errorFacts(null).name).toBe('object');
	});
});
