// Texts of the releases page of the back office (Czech, English under /en/), beside staff-text.ts.
const cs = {
	title: 'Losování termínů',
	lead: 'Vybrané termíny se nepřidělují podle rychlosti, ale jedním ověřitelným losováním mezi všemi, kdo se přihlásí v daném okně. Počty přihlášek vidíte průběžně, nikdy ne jména.',
	create: 'Vypsat losování',
	service: 'Úkon',
	fromDate: 'Termíny od (datum)',
	toDate: 'Termíny do (datum)',
	opensAt: 'Přihlášky od',
	closesAt: 'Přihlášky do',
	drawAt: 'Losování',
	phoneShare: 'Podíl kapacity pro infolinku a přepážku (%)',
	created: (slots: number, seats: number) =>
		`Losování vypsáno: ${seats} míst v ${slots} termínech.`,
	noSeats:
		'Losování je vypsané, ale v těchto dnech nejsou žádná volná místa (vypište nejdřív termíny).',
	invalidDates:
		'Zadejte platná data: přihlášky musí začít před koncem a skončit nejpozději v čas losování; termíny nejdřív po losování.',
	invalidShare: 'Zadejte celé číslo 0–90.',
	notOffered: 'Tento úkon pracoviště nenabízí.',
	none: 'Žádná losování.',
	commitment: 'Závazek (SHA-256 klíče)',
	seed: 'Klíč (zveřejněný)',
	entries: 'Přihlášky',
	state: (c: Record<string, number>) =>
		`přihlášeno ${c.entered ?? 0}, staženo ${c.withdrawn ?? 0}, vylosováno ${c.won ?? 0}, na seznamu čekajících ${c.waitlisted ?? 0}, přeskočeno (rezervace / limit / pozdní rušení) ${c.already_booked ?? 0} / ${c.limit ?? 0} / ${c.late_cancellations ?? 0}`,
	seats: (s: { slots: number; seats: number; given: number }) =>
		`${s.seats} míst v ${s.slots} termínech, přiděleno ${s.given}, vráceno do běžné rezervace ${s.seats - s.given}`,
	drawNow: 'Losovat teď',
	drawn: 'Losování proběhlo.',
	nothing: 'Nebylo co losovat (ještě není čas, nebo už proběhlo).',
	publicPage: 'Veřejná stránka',
	slot: 'Termín',
	given: 'Přiděleno',
	byWish: 'Přiděleno podle přání'
};

const en: typeof cs = {
	title: 'Draws for appointment times',
	lead: 'Chosen times are not given to the fastest but by one verifiable draw among everyone who enters within a window. You see the number of entries as it grows, never names.',
	create: 'Announce a draw',
	service: 'Action',
	fromDate: 'Times from (date)',
	toDate: 'Times to (date)',
	opensAt: 'Entries open',
	closesAt: 'Entries close',
	drawAt: 'Draw',
	phoneShare: 'Share of capacity kept for the hotline and the counter (%)',
	created: (slots, seats) => `Draw announced: ${seats} seats in ${slots} times.`,
	noSeats:
		'The draw is announced, but there are no free seats on these days (publish times first).',
	invalidDates:
		'Enter valid dates: entries must open before they close and close no later than the draw; times after the draw.',
	invalidShare: 'Enter a whole number 0–90.',
	notOffered: 'The branch does not offer this action.',
	none: 'No draws.',
	commitment: 'Commitment (SHA-256 of the seed)',
	seed: 'Seed (published)',
	entries: 'Entries',
	state: (c) =>
		`entered ${c.entered ?? 0}, withdrawn ${c.withdrawn ?? 0}, drawn ${c.won ?? 0}, on the waiting list ${c.waitlisted ?? 0}, skipped (booking / limit / late cancellations) ${c.already_booked ?? 0} / ${c.limit ?? 0} / ${c.late_cancellations ?? 0}`,
	seats: (s) =>
		`${s.seats} seats in ${s.slots} times, given ${s.given}, back to normal booking ${s.seats - s.given}`,
	drawNow: 'Draw now',
	drawn: 'The draw has been made.',
	nothing: 'Nothing to draw (not yet time, or already drawn).',
	publicPage: 'Public page',
	slot: 'Time',
	given: 'Given',
	byWish: 'Given by wish'
};

export function releaseStaffText(locale: string): typeof cs {
	return locale === 'en' ? en : cs;
}
