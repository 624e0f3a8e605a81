// Shutdown behind a load balancer (docs/adr/0010-drain-before-shutdown.md). adapter-node, on
// SIGTERM, stops listening at once; a balancer that has not noticed yet still sends new
// connections, and those queued in the kernel at that moment are reset: a form post already
// sent on one fails with a 502 that no balancer may retry. So the instance first says it is
// going (`/api/ready` answers 503) while it serves everything as usual, and only once the
// balancer's health check has taken it out hands over to adapter-node's own shutdown: stop
// listening, finish what is in flight within SHUTDOWN_TIMEOUT, then `sveltekit:shutdown`, where
// the database pool closes (startup.ts).
import { log } from './log';

let draining = false;

/** True from SIGTERM on: `/api/ready` answers 503. */
export function isDraining(): boolean {
	return draining;
}

type Listener = (...args: unknown[]) => void;

/**
 * Puts a drain of `drainSeconds` in front of adapter-node's SIGTERM handler. adapter-node adds
 * its handler after the server's `init` (where this runs), so it is taken over once it appears.
 */
export function installDrain(drainSeconds: number): void {
	if (drainSeconds <= 0) return;
	const deferred: Listener[] = [];
	const onTerm = () => {
		if (draining) return;
		draining = true;
		log.info({ drainSeconds }, 'draining: not ready, still serving');
		setTimeout(() => {
			log.info('drained: closing the listener, finishing requests in flight');
			for (const listener of deferred) listener('SIGTERM');
		}, drainSeconds * 1000);
	};
	process.on('SIGTERM', onTerm);
	const takeOver = (triesLeft: number) => {
		const others = process.listeners('SIGTERM').filter((l) => l !== onTerm) as Listener[];
		if (others.length === 0 && triesLeft > 0) {
			setTimeout(() => takeOver(triesLeft - 1), 50).unref();
			return;
		}
		for (const listener of others) {
			process.off('SIGTERM', listener);
			deferred.push(listener);
		}
	};
	setImmediate(() => takeOver(200));
}
