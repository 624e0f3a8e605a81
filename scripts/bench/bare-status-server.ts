// The ceiling for `bench:status`: the same lookup query as the app (number + type + year + birth
// date, then the events), on the same pool size, behind a bare node:http server. No framework,
// no validation, no throttling, no rendering.
import { createServer } from 'node:http';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { proceedingEvents, proceedings } from '../../src/lib/server/proceedings/proceedings.schema';

const client = postgres(process.env.DATABASE_URL!, { max: 10 });
const db = drizzle({ client });

const server = createServer((req, res) => {
	let body = '';
	req.on('data', (chunk) => (body += chunk));
	req.on('end', async () => {
		let input: Record<string, string>;
		try {
			input = JSON.parse(body) as Record<string, string>;
		} catch {
			res.writeHead(400).end();
			return;
		}
		const { number, typeCode, year, birthDate } = input;
		// The same single query as the app's repository: the proceeding with its events aggregated.
		const [row] = await db
			.select({
				id: proceedings.id,
				events: sql`coalesce((
					select json_agg(json_build_object('kind', e.kind, 'at', e.occurred_at, 'details', e.details) order by e.occurred_at)
					from ${proceedingEvents} e where e.proceeding_id = "proceedings"."id"
				), '[]'::json)`
			})
			.from(proceedings)
			.where(
				and(
					eq(proceedings.number, Number(number)),
					eq(proceedings.typeCode, typeCode!),
					eq(proceedings.year, Number(year)),
					eq(proceedings.birthDate, birthDate!)
				)
			)
			.limit(1);
		const events = (row?.events ?? []) as unknown[];
		res.writeHead(row ? 200 : 404, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ events: events.length }));
	});
});
server.listen(Number(process.env.PORT), () => console.log('bare server ready'));
process.on('SIGTERM', () => {
	server.close();
	void client.end();
});
