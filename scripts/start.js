#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last build, then serve the production
// build on http://localhost:3000 (PORT to change). The embedded database needs nothing else.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
	'src',
	'messages',
	'static',
	'drizzle',
	'project.inlang/settings.json',
	'package.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (entry === 'paraglide' || entry === 'node_modules') continue;
		max = Math.max(max, newest(join(path, entry)));
	}
	return max;
}

const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
if (process.argv.includes('--rebuild') || SOURCES.some((s) => newest(s) > built)) {
	console.log('Building Pobyt…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		stdio: ['inherit', 'pipe', 'inherit'],
		encoding: 'utf8'
	});
	// Kit ends every build with "Run npm run preview to preview…": this script serves the build
	// itself (with ORIGIN and the body limit set below); a newcomer needs no second command.
	const output = (result.stdout ?? '')
		.split('\n')
		.filter((line) => !line.includes('npm run preview'))
		.join('\n')
		.trim();
	if (output) console.log(output);
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const env = {
	...process.env,
	PORT: port,
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	// The internal system's event batches may be up to 5 MB (adapter-node's default is 512 KB).
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '6M'
};
console.log(`Pobyt: http://localhost:${port}  (Ctrl+C stops it)`);
const server = spawn(process.execPath, ['build'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
