import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';

type Transform = NonNullable<ResolveOptions['transformPageChunk']>;

/** An inner handler's page transform runs first, then the outer one's (as Kit's `sequence`). */
function compose(
	inner: Transform | undefined,
	outer: Transform | undefined
): Transform | undefined {
	if (!inner || !outer) return inner ?? outer;
	return async ({ html, done }) => {
		const once = (await inner({ html, done })) ?? '';
		return (await outer({ html: once, done })) ?? '';
	};
}

function merge(
	outer: ResolveOptions | undefined,
	inner: ResolveOptions | undefined
): ResolveOptions {
	return {
		transformPageChunk: compose(inner?.transformPageChunk, outer?.transformPageChunk),
		filterSerializedResponseHeaders:
			outer?.filterSerializedResponseHeaders ?? inner?.filterSerializedResponseHeaders,
		preload: outer?.preload ?? inner?.preload
	};
}

/**
 * The request hooks one after another, as Kit's `sequence` runs them, without what `sequence`
 * adds around each one: a tracing span, a copy of the event and a new request store (an
 * AsyncLocalStorage run). Nine hooks made that a measurable share of every request (ADR 0003).
 * Kit's own store still holds the request for the whole chain; a hook that replaces the event
 * passes it on to the next, and `getRequestEvent()` is not needed inside the hooks.
 */
export function chain(...handlers: Handle[]): Handle {
	return ({ event, resolve }) => {
		const step = (
			i: number,
			current: RequestEvent,
			options?: ResolveOptions
		): Response | Promise<Response> =>
			i === handlers.length
				? resolve(current, options)
				: handlers[i]!({
						event: current,
						resolve: (next, own) => step(i + 1, next, merge(options, own))
					});
		return step(0, event);
	};
}
