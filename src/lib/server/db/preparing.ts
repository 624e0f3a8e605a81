import type { Sql } from 'postgres';

type Unsafe = Sql['unsafe'];
type Work = (sql: Sql) => unknown;

/**
 * The postgres.js client as drizzle gets it, with every statement prepared. drizzle runs its
 * queries unnamed (`prepare: false`), and postgres.js then sends each statement with parameters
 * in two round trips: parse and describe, then bind and execute. Prepared, a statement is parsed
 * and described once per connection (the driver keys its cache by the text; drizzle writes the
 * same text for the same query, with `$n` parameters) and then costs one round trip. On this
 * kind of machine a round trip costs the app more CPU than most of what it does with the answer
 * (docs/adr/0003). Transactions and savepoints get the same client inside.
 */
export function preparing(sql: Sql): Sql {
	return new Proxy(sql, {
		get(target, key, receiver) {
			if (key === 'unsafe') {
				const unsafe: Unsafe = (query, parameters, options) =>
					target.unsafe(query, parameters, { ...options, prepare: true });
				return unsafe;
			}
			if (key === 'begin' || key === 'savepoint') {
				const original = Reflect.get(target, key, receiver) as (...args: unknown[]) => unknown;
				return (...args: unknown[]) => {
					const work = args.pop() as Work;
					return original(...args, (inner: Sql) => work(preparing(inner)));
				};
			}
			return Reflect.get(target, key, receiver);
		}
	});
}
