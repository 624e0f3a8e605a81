// A person's browser, as far as the proxy can tell: HTTP/1.1 from a source address of its own on
// the loopback (127.0.0.0/8 all reaches this machine), so the proxy sees many different clients —
// and the per-address throttles must see them too. One connection per request: when an instance
// dies under a request that came on a reused connection, HAProxy closes that connection without
// an answer or a log line (a browser then sends the request again by itself); on a fresh one it
// answers 502 and logs it, which is what the tests need to tell which requests failed and where.
import { Agent, request } from 'node:http';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

export interface Reply {
	status: number;
	location: string | null;
	setCookies: string[];
	body: string;
}

export class Client {
	readonly #agent: Agent;
	#cookie = '';
	#sent = 0;

	/** `from`: the source address, e.g. `127.0.0.12`. */
	constructor(
		readonly base: string,
		readonly from: string,
		/** Prefix of the X-Request-Id of each request (the proxy logs it). */
		readonly idPrefix = from
	) {
		this.#agent = new Agent({ keepAlive: false, localAddress: from });
	}

	/** The last X-Request-Id sent. */
	lastId = '';

	/** Cookies are kept like a browser keeps them (only the hold cookie matters here). */
	forgetCookies(): void {
		this.#cookie = '';
	}

	send(
		method: 'GET' | 'POST',
		path: string,
		form?: Record<string, string>,
		headers: Record<string, string> = {}
	): Promise<Reply> {
		const url = new URL(path, this.base);
		const body = form ? new URLSearchParams(form).toString() : undefined;
		const id = `${this.idPrefix}-${++this.#sent}`;
		this.lastId = id;
		return new Promise((resolve, reject) => {
			const req = request(
				url,
				{
					method,
					agent: this.#agent,
					headers: {
						accept: 'text/html',
						'x-request-id': id,
						...(body !== undefined
							? {
									'content-type': 'application/x-www-form-urlencoded',
									'content-length': String(Buffer.byteLength(body)),
									origin: new URL(this.base).origin
								}
							: {}),
						...(this.#cookie ? { cookie: this.#cookie } : {}),
						...headers
					},
					timeout: 60_000
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('error', reject);
					res.on('end', () => {
						const setCookies = res.headers['set-cookie'] ?? [];
						for (const c of setCookies) {
							const pair = c.split(';')[0]!;
							if (/max-age=0|expires=thu, 01 jan 1970/i.test(c)) continue;
							this.#cookie = pair;
						}
						resolve({
							status: res.statusCode ?? 0,
							location: res.headers.location ?? null,
							setCookies,
							body: Buffer.concat(chunks).toString('utf8')
						});
					});
				}
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', reject);
			req.end(body);
		});
	}

	/** The proof of work a hold needs, for the challenge `/api/altcha` sent (POW_WORK small in tests). */
	static async solve(challengeReply: Reply): Promise<string> {
		if (challengeReply.status !== 200) throw new Error(`challenge: ${challengeReply.status}`);
		const challenge = JSON.parse(challengeReply.body) as Challenge;
		const solution = await solveChallenge({ challenge, deriveKey });
		if (!solution) throw new Error('challenge not solved');
		return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
	}

	close(): void {
		this.#agent.destroy();
	}
}

/** Details of a made-up person, unique by `n` (one booking per person and action). */
export function personForm(n: number): Record<string, string> {
	return {
		fullName: 'Cluster Person',
		day: '1',
		month: '1',
		year: '1990',
		nationality: 'UA',
		documentNumber: `CLUSTER${String(n).padStart(8, '0')}`,
		email: `cluster${n}@example.com`,
		phone: '',
		proceeding: ''
	};
}
