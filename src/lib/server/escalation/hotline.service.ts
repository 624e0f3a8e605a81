import { m } from '$lib/paraglide/messages';
import { formatter } from '$lib/format';
import type { Locale } from '$lib/paraglide/runtime';
import { PRAGUE } from '$lib/time/prague';
import type { WeeklyHours } from '../booking/booking.schema';
import type { HotlineConfig } from './hotline';
import { formatIntervals, hotlineState, lineHours } from './hotline';

export interface HotlineLineView {
	/** For display, e.g. `+420 974 801 801`. */
	display: string;
	/** For `tel:` links. */
	dial: string;
	languages: string;
	/** The line's own state, only where it differs from the one the page states (its own hours). */
	state: HotlineStatus | null;
	/** The line's own week, only for a line with hours of its own. */
	ownHours: { day: string; text: string }[] | null;
}

export interface HotlineView {
	open: boolean;
	statusText: string;
	lines: HotlineLineView[];
	hours: { day: string; text: string }[];
}

/** `+420974801801` → `+420 974 801 801`; other numbers are shown as configured. */
export function formatPhoneNumber(e164: string): string {
	const czech = /^\+420(\d{3})(\d{3})(\d{3})$/.exec(e164);
	return czech ? `+420 ${czech[1]} ${czech[2]} ${czech[3]}` : e164;
}

const LANGUAGE_NAME: Record<string, (locale: Locale) => string> = {
	cs: (locale) => m.lang_name_cs({}, { locale }),
	en: (locale) => m.lang_name_en({}, { locale }),
	uk: (locale) => m.lang_name_uk({}, { locale }),
	ru: (locale) => m.lang_name_ru({}, { locale }),
	vi: (locale) => m.lang_name_vi({}, { locale })
};

function weeklyHours(hours: WeeklyHours, locale: Locale): { day: string; text: string }[] {
	const weekday = formatter(locale, 'weekday', { weekday: 'long', timeZone: 'UTC' });
	return [1, 2, 3, 4, 5, 6, 7].map((iso) => {
		const intervals = hours[String(iso) as keyof WeeklyHours] ?? [];
		// 1 January 2024 was a Monday.
		const day = weekday.format(new Date(Date.UTC(2024, 0, iso)));
		const text = intervals.length
			? formatIntervals(intervals)
			: m.hotline_closed_day({}, { locale });
		return { day, text };
	});
}

export interface HotlineStatus {
	open: boolean;
	/** "The hotline is open now, until 16:00." / "… It opens Monday 30. 11. 8:00." */
	text: string;
}

/** Open now and until when, or when it opens: the line every public page shows. */
export function hotlineStatus(hours: WeeklyHours, locale: Locale, at: Date): HotlineStatus {
	const state = hotlineState(hours, at);
	if (state.open) {
		const time = formatter(locale, 'hotline-time', {
			hour: 'numeric',
			minute: '2-digit',
			timeZone: PRAGUE
		});
		return {
			open: true,
			text: m.hotline_open_until({ time: time.format(state.closesAt) }, { locale })
		};
	}
	if (!state.opensAt) return { open: false, text: m.hotline_closed({}, { locale }) };
	const dayAndTime = formatter(locale, 'hotline-day-time', {
		weekday: 'long',
		day: 'numeric',
		month: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone: PRAGUE
	});
	return {
		open: false,
		text: m.hotline_closed_opens({ time: dayAndTime.format(state.opensAt) }, { locale })
	};
}

/** The line that answers in the page's language first, then the others in configured order. */
export function linesInLanguageFirst<L extends { languages: string[] }>(
	lines: readonly L[],
	locale: Locale
): L[] {
	return [...lines].sort(
		(a, b) => Number(b.languages.includes(locale)) - Number(a.languages.includes(locale))
	);
}

/**
 * The state shown in every page's footer and on the shared-context page: that of the line which
 * answers in the page's language (the one the person will call), with its own hours if it has them.
 */
export function hotlineStatusFor(config: HotlineConfig, locale: Locale, at: Date): HotlineStatus {
	const first = linesInLanguageFirst(config.lines, locale)[0];
	return hotlineStatus(first ? lineHours(config, first) : config.hours, locale, at);
}

/** What the home and contact pages show about the hotline: the status and the official numbers. */
export function describeHotline(config: HotlineConfig, locale: Locale, at: Date): HotlineView {
	const status = hotlineStatusFor(config, locale, at);
	return {
		open: status.open,
		statusText: status.text,
		lines: linesInLanguageFirst(config.lines, locale).map((line) => {
			const state = hotlineStatus(lineHours(config, line), locale, at);
			return {
				display: formatPhoneNumber(line.number),
				dial: line.number,
				languages: line.languages.map((l) => LANGUAGE_NAME[l]?.(locale) ?? l).join(', '),
				state: state.text === status.text ? null : state,
				ownHours: line.hours ? weeklyHours(line.hours, locale) : null
			};
		}),
		hours: weeklyHours(config.hours, locale)
	};
}
