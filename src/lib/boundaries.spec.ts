// The layer rules (eslint.boundaries.js) fail on planted violations: run by ESLint's API on
// snippets that are never written to disk.
import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import boundaries from '../../eslint.boundaries.js';

const eslint = new ESLint({
	overrideConfigFile: true,
	overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: ts.parser } }, ...boundaries]
});

async function errors(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer boundaries', () => {
	it("refuses another domain's repository or schema in a service, and any in a route", async () => {
		expect(
			await errors(
				'src/lib/server/escalation/planted.service.ts',
				"import { findHold } from '../booking/bookings.repository';\nexport const x = findHold;\n"
			)
		).toEqual([expect.stringMatching(/^no-restricted-imports: .*repository or schema/)]);
		expect(
			await errors(
				'src/routes/planted/+page.server.ts',
				"import { slots } from '$lib/server/booking/schedule.schema';\nexport const x = slots;\n"
			)
		).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
	});

	it('refuses the database handle outside repositories and startup.ts outside hooks', async () => {
		expect(
			await errors(
				'src/lib/server/booking/planted.service.ts',
				"import { getDb } from '../db';\nexport const x = getDb;\n"
			)
		).toEqual([expect.stringMatching(/Only repositories use the database handle/)]);
		expect(
			await errors(
				'src/routes/planted/+page.server.ts',
				"import { getConfig } from '$lib/server/startup';\nexport const x = getConfig;\n"
			)
		).toEqual([expect.stringMatching(/config\.ts/)]);
	});

	it('allows what the layers allow', async () => {
		expect(
			await errors(
				'src/lib/server/booking/planted.service.ts',
				"import { findHold } from './bookings.repository';\nimport type { Db } from '../db';\nimport { enqueueMail } from '../mail/outbox.service';\nexport const x: [unknown, Db | null, unknown] = [findHold, null, enqueueMail];\n"
			)
		).toEqual([]);
		expect(
			await errors(
				'src/lib/server/booking/planted.repository.ts',
				"import { getDb } from '../db';\nimport { checklists } from '../content/content.schema';\nexport const x = [getDb, checklists];\n"
			)
		).toEqual([]);
	});
});
