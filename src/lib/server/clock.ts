/**
 * The current time. Tests and demos may pin it with POBYT_CLOCK (an ISO instant); production
 * ignores it, so a stray variable can never freeze a live server's clock.
 */
export function now(): Date {
	const fixed = process.env.POBYT_CLOCK;
	if (fixed && process.env.APP_MODE !== 'production') {
		const at = new Date(fixed);
		if (!Number.isNaN(at.getTime())) return at;
	}
	return new Date();
}
