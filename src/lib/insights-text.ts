// Texts of the analysts' area (/insights): Czech and English like the rest of the back office.
export type InsightsLang = 'cs' | 'en';

const cs = {
	title: 'Přehledy a roční zpráva',
	lead: 'Anonymní počty z provozu portálu, infolinky a pracovišť. Čísla pocházejí z denních souhrnů; malé počty nejsou zveřejňovány jen v otevřených datech.',
	period: 'Období',
	periodKind: { year: 'Rok', quarter: 'Čtvrtletí', month: 'Měsíc', custom: 'Vlastní' },
	year: 'Rok',
	quarter: 'Čtvrtletí',
	month: 'Měsíc',
	from: 'Od',
	to: 'Do',
	branch: 'Pracoviště',
	service: 'Úkon',
	language: 'Jazyk',
	all: 'Vše',
	show: 'Zobrazit',
	shownFor: (from: string, to: string) => `Období ${from} – ${to}`,
	filtersApply:
		'Filtry platí pro všechny oddíly; údaj, který danou dimenzi nemá (např. infolinka nemá pracoviště), se při filtru nezapočítá.',
	yearlyReport: (year: number) => `Roční zpráva ${year}`,
	comments: 'Komentáře spokojenosti',
	costs: 'Jednotkové náklady',
	csv: 'CSV',
	downloadCsv: (title: string) => `Stáhnout CSV: ${title}`,
	noData: 'Za toto období nejsou data.',
	sections: {
		performance: 'Výkon služby',
		hotline: 'Zatížení infolinky',
		needs: 'Co lidé potřebují a co portál říká',
		signals: 'Signály problémů',
		satisfaction: 'Spokojenost'
	},
	tables: {
		kpi: 'Čtyři ukazatele výkonu',
		takeUp: 'Digitální využití: rezervace podle kanálu',
		funnel: 'Dokončení: rezervace od podržení termínu po potvrzení',
		lookups: 'Dotazy na stav řízení',
		satisfaction: 'Spokojenost podle úkolu',
		cost: 'Náklady na transakci podle kanálu',
		heatmap: 'Kontakty infolinky podle dne a hodiny',
		hotlineLanguages: 'Kontakty infolinky podle jazyka',
		hotlineChannels: 'Kontakty infolinky podle kanálu',
		topics: 'Témata hovorů',
		outcomes: 'Výsledky hovorů',
		callbacks: 'Zpětná volání',
		topSearches: 'Nejčastější hledání podle jazyka',
		zeroSearches: 'Hledání bez výsledku podle jazyka',
		checklists: 'Seznamy dokladů: zobrazení, tisk, sdílení a volání po přečtení',
		topicsWithoutChecklist: 'Témata infolinky, ke kterým neexistuje seznam dokladů',
		spikes: 'Náhlý nárůst témat a hledání',
		late: 'Řízení po zákonné lhůtě podle typu',
		lateTrend: 'Vývoj řízení po zákonné lhůtě podle měsíce a typu',
		nextFree: 'Pracoviště s nejbližším volným termínem za více než 30 dní',
		waitlists: 'Čekací listiny',
		noShows: 'Nedostavení se podle pracoviště',
		refused: 'Odmítnutá podržení termínu podle důvodu',
		flags: 'Upozornění operátorů na problém',
		monthly: 'Kontakty a rezervace podle měsíce'
	},
	col: {
		measure: 'Ukazatel',
		value: 'Hodnota',
		bar: 'Laťka „výborné“ (GOV.UK)',
		channel: 'Kanál',
		count: 'Počet',
		share: 'Podíl',
		step: 'Krok',
		outcome: 'Výsledek',
		task: 'Úkol',
		answers: 'Odpovědi',
		mean: 'Průměr (1–5)',
		satisfied: 'Spokojeno (4–5)',
		unitCost: 'Jednotkový náklad (Kč)',
		totalCost: 'Celkem (Kč)',
		weekday: 'Den',
		language: 'Jazyk',
		topic: 'Téma',
		term: 'Hledaný výraz (varianty sloučeny)',
		searches: 'Hledání',
		zero: 'Bez výsledku',
		checklist: 'Seznam',
		views: 'Zobrazení',
		prints: 'Tisk',
		shared: 'Sdíleno na infolinku',
		per1000: 'Volání na 1 000 zobrazení',
		cases: 'Případy',
		signal: 'Signál',
		week: 'Týden do',
		baseline: 'Průměr 8 předchozích týdnů',
		pValue: 'p',
		type: 'Typ řízení',
		lateNow: 'Po lhůtě ke konci období',
		total: 'Celkem',
		weeksAgo: (weeks: number) =>
			weeks === 0 ? 'Čeká nyní' : weeks === 1 ? 'Čekalo před týdnem' : `Čekalo před ${weeks} týdny`,
		branch: 'Pracoviště',
		service: 'Úkon',
		nextFree: 'Nejbližší volný termín',
		days: 'Dní',
		waiting: 'Čeká',
		joined: 'Přihlášeno za 4 týdny',
		offered: 'Nabídnuto za 4 týdny',
		arrived: 'Dostavili se',
		noShow: 'Nedostavili se',
		rate: 'Podíl nedostavení',
		reason: 'Důvod',
		flag: 'Upozornění',
		month: 'Měsíc',
		contacts: 'Kontakty',
		bookings: 'Rezervace',
		previousYear: 'Předchozí rok',
		change: 'Změna',
		score: 'Hodnocení',
		comment: 'Komentář',
		day: 'Den'
	},
	kpi: {
		takeUp: 'Digitální využití (rezervace na webu)',
		completion: 'Dokončení (potvrzeno / podrženo)',
		satisfaction: 'Spokojenost (4–5 z 5)',
		cost: 'Náklad na transakci (Kč)'
	},
	notSet: 'nenastaveno',
	heatmapNote:
		'Sloupce jsou hodiny (pražský čas); buňka mimo otevírací dobu je označena hvězdičkou *.',
	callbacks: {
		requested: 'Požádáno o zpětné volání',
		waiting: 'Čeká nyní',
		handled: 'Vyřízeno v období',
		median: 'Medián doby vyřízení (min)',
		p90: '90. percentil doby vyřízení (min)'
	},
	callbacksNote: 'Doby vyřízení jsou jen za posledních 30 dní: žádosti se pak mažou.',
	signalsLead:
		'Každý signál říká, co se stalo, proti čemu se porovnává a kde jsou čísla. Pravidlo pro náhlý nárůst: počet za posledních 7 dní období proti průměru 8 předchozích týdnů; signál, když jednostranný Poissonův test dá p < 0,01 a počet je alespoň 5.',
	fired: 'Signály',
	noSignals: 'Žádný signál nevznikl.',
	signalSpike: (what: string, count: number, baseline: number, p: string) =>
		`${what}: ${count} za posledních 7 dní proti průměru ${baseline} za týden v 8 předchozích týdnech (p = ${p}).`,
	signalLate: (type: string, count: number) => `${type}: ${count} řízení po zákonné lhůtě.`,
	signalNextFree: (branch: string, service: string, days: number | null) =>
		days === null
			? `${branch}, ${service}: žádný volný termín.`
			: `${branch}, ${service}: nejbližší volný termín za ${days} dní.`,
	lateTrendNote:
		'Počet řízení po lhůtě ke konci každého měsíce (denní snímek hodin lhůt o půlnoci).',
	signalLateTrend: (from: string, to: string, before: number, after: number) =>
		`Řízení po zákonné lhůtě přibývá: ${before} ke konci ${from}, ${after} ke konci ${to}.`,
	waitlistsNote:
		'Kolik lidí čekalo na konci každého z posledních čtyř týdnů a nyní; listina roste, když počet žádný týden neklesl a nyní je vyšší než před čtyřmi týdny.',
	signalWaitlist: (branch: string, service: string, before: number, now: number) =>
		`${branch}, ${service}: čekací listina roste každý týden (před 4 týdny ${before} čekajících, nyní ${now}).`,
	signalNoShow: (branch: string, rate: string) => `${branch}: nedostavilo se ${rate} objednaných.`,
	signalRefused: (count: number) =>
		`Odmítnuto ${count} podržení kvůli ověření prohlížeče nebo omezení počtu: tlak robotů.`,
	signalFlag: (flag: string, count: number) => `Operátoři označili ${count}× „${flag}“.`,
	searchTerm: 'Hledání',
	hotlineTopic: 'Téma infolinky',
	none: 'žádný',
	labels: {
		channel: {
			web: 'Web',
			hotline: 'Infolinka',
			branch: 'Pracoviště',
			call: 'Hovor s kódem',
			callback: 'Zpětné volání'
		},
		step: {
			held: 'Podrženo',
			confirmed: 'Potvrzeno',
			cancelled: 'Zrušeno',
			rescheduled: 'Přeobjednáno'
		},
		lookup: {
			found: 'Nalezeno',
			not_found: 'Nenalezeno',
			throttled: 'Omezeno (příliš mnoho pokusů)',
			invalid: 'Neplatný dotaz'
		},
		task: {
			booking: 'Potvrzená rezervace',
			status: 'Výsledek stavu řízení',
			checklist: 'Seznam dokladů',
			hotline: 'Kód pro infolinku'
		},
		reason: {
			full: 'Obsazeno',
			expired: 'Podržení vypršelo',
			already_booked: 'Již rezervováno',
			limit: 'Limit rezervací',
			late_cancellations: 'Pozdní zrušení',
			throttled: 'Omezení počtu',
			proof: 'Ověření prohlížeče'
		},
		outcome: {
			answered: 'Zodpovězeno',
			booked: 'Rezervováno',
			callback_needed: 'Nutné zpětné volání',
			referred: 'Předáno',
			no_answer: 'Bez odpovědi'
		},
		topic: {
			residence_permit: 'Povolení k pobytu',
			employee_card: 'Zaměstnanecká karta',
			biometrics: 'Biometrika',
			booking: 'Rezervace',
			documents: 'Doklady',
			fees: 'Poplatky',
			status_delay: 'Průtahy řízení',
			temporary_protection: 'Dočasná ochrana',
			family: 'Rodina',
			other: 'Jiné',
			none: 'Bez tématu'
		},
		flag: {
			intermediary_or_scam: 'Zprostředkovatel nebo podvod',
			exploitation: 'Vykořisťování',
			misinformation: 'Dezinformace',
			system_fault: 'Chyba systému'
		},
		weekday: ['Po', 'Út', 'St', 'Čt', 'Pá', 'So', 'Ne']
	},
	costsTitle: 'Jednotkové náklady podle kanálu',
	costsLead:
		'Odhad nákladu jedné transakce (rezervace) podle kanálu v Kč; z nich se počítá náklad na transakci.',
	costsSave: 'Uložit náklady',
	costsSaved: 'Náklady uloženy.',
	costsInvalid: 'Zadejte částku v Kč, nejvýše 100 000, s nejvýše dvěma desetinnými místy.',
	errorSummary: 'Formulář obsahuje chyby',
	commentsLead:
		'Volné komentáře k otázce spokojenosti; čísla a e-mailové adresy jsou z nich odstraněny.',
	task: 'Úkol',
	noComments: 'Žádné komentáře.',
	reportLead: (year: number) =>
		`Statisticko-analytická zpráva klientského centra za rok ${year} s porovnáním s rokem ${year - 1}. Každý graf následuje tabulka s jeho daty; každou tabulku lze stáhnout jako CSV.`,
	print: 'Pro PDF použijte tisk prohlížeče („Uložit jako PDF“).',
	back: 'Zpět na přehledy',
	chartOf: (title: string) => `Graf: ${title}`
};

type Text = typeof cs;

const en: Text = {
	...cs,
	title: 'Insights and the yearly report',
	lead: 'Anonymous counts from the portal, the hotline and the branches, read from daily rollups. Small counts are suppressed only in the open data.',
	period: 'Period',
	periodKind: { year: 'Year', quarter: 'Quarter', month: 'Month', custom: 'Custom' },
	year: 'Year',
	quarter: 'Quarter',
	month: 'Month',
	from: 'From',
	to: 'To',
	branch: 'Branch',
	service: 'Action',
	language: 'Language',
	all: 'All',
	show: 'Show',
	shownFor: (from, to) => `Period ${from} – ${to}`,
	filtersApply:
		'Filters apply to every section; a figure that lacks the dimension (the hotline has no branch, for example) is left out under that filter.',
	yearlyReport: (year) => `Yearly report ${year}`,
	comments: 'Satisfaction comments',
	costs: 'Unit costs',
	downloadCsv: (title) => `Download CSV: ${title}`,
	noData: 'No data for this period.',
	sections: {
		performance: 'Service performance',
		hotline: 'Hotline load',
		needs: 'What people need against what the portal says',
		signals: 'Problem signals',
		satisfaction: 'Satisfaction'
	},
	tables: {
		kpi: 'The four performance measures',
		takeUp: 'Digital take-up: bookings by channel',
		funnel: 'Completion: bookings from hold to confirmation',
		lookups: 'Status lookups',
		satisfaction: 'Satisfaction by task',
		cost: 'Cost per transaction by channel',
		heatmap: 'Hotline contacts by weekday and hour',
		hotlineLanguages: 'Hotline contacts by language',
		hotlineChannels: 'Hotline contacts by channel',
		topics: 'Call topics',
		outcomes: 'Call outcomes',
		callbacks: 'Callbacks',
		topSearches: 'Top searches by language',
		zeroSearches: 'Searches with no result by language',
		checklists: 'Checklists: views, prints, shares and calls after reading',
		topicsWithoutChecklist: 'Hotline topics with no checklist',
		spikes: 'Spikes of topics and searches',
		late: 'Proceedings past their legal deadline by type',
		lateTrend: 'Proceedings past their legal deadline by month and type',
		nextFree: 'Branches whose next free time is more than 30 days out',
		waitlists: 'Waiting lists',
		noShows: 'No-shows by branch',
		refused: 'Refused holds by reason',
		flags: 'Problem flags from agents',
		monthly: 'Contacts and bookings by month'
	},
	col: {
		measure: 'Measure',
		value: 'Value',
		bar: '“Great” bar (GOV.UK)',
		channel: 'Channel',
		count: 'Count',
		share: 'Share',
		step: 'Step',
		outcome: 'Outcome',
		task: 'Task',
		answers: 'Answers',
		mean: 'Mean (1–5)',
		satisfied: 'Satisfied (4–5)',
		unitCost: 'Unit cost (CZK)',
		totalCost: 'Total (CZK)',
		weekday: 'Day',
		language: 'Language',
		topic: 'Topic',
		term: 'Search term (variants merged)',
		searches: 'Searches',
		zero: 'No result',
		checklist: 'Checklist',
		views: 'Views',
		prints: 'Prints',
		shared: 'Shared to the hotline',
		per1000: 'Calls per 1,000 views',
		cases: 'Cases',
		signal: 'Signal',
		week: 'Week to',
		baseline: 'Mean of the 8 weeks before',
		pValue: 'p',
		type: 'Proceeding type',
		lateNow: 'Late at the end of the period',
		total: 'Total',
		weeksAgo: (weeks) =>
			weeks === 0
				? 'Waiting now'
				: weeks === 1
					? 'Waiting a week ago'
					: `Waiting ${weeks} weeks ago`,
		branch: 'Branch',
		service: 'Action',
		nextFree: 'Next free time',
		days: 'Days',
		waiting: 'Waiting',
		joined: 'Joined in 4 weeks',
		offered: 'Offered in 4 weeks',
		arrived: 'Arrived',
		noShow: 'No-show',
		rate: 'No-show rate',
		reason: 'Reason',
		flag: 'Flag',
		month: 'Month',
		contacts: 'Contacts',
		bookings: 'Bookings',
		previousYear: 'Previous year',
		change: 'Change',
		score: 'Score',
		comment: 'Comment',
		day: 'Day'
	},
	kpi: {
		takeUp: 'Digital take-up (bookings on the web)',
		completion: 'Completion (confirmed / held)',
		satisfaction: 'Satisfaction (4–5 of 5)',
		cost: 'Cost per transaction (CZK)'
	},
	notSet: 'not set',
	heatmapNote:
		'Columns are hours (Prague time); a cell outside the opening hours is marked with *.',
	callbacks: {
		requested: 'Callbacks requested',
		waiting: 'Waiting now',
		handled: 'Handled in the period',
		median: 'Median time to handle (min)',
		p90: '90th percentile time to handle (min)'
	},
	callbacksNote: 'Times to handle cover the last 30 days only: requests are deleted after that.',
	signalsLead:
		'Each signal says what fired, against which baseline, and where the numbers are. Spike rule: the count of the last 7 days of the period against the mean of the 8 weeks before; it fires when a one-sided Poisson test gives p < 0.01 and the count is at least 5.',
	fired: 'Signals',
	noSignals: 'No signal fired.',
	signalSpike: (what, count, baseline, p) =>
		`${what}: ${count} in the last 7 days against a mean of ${baseline} a week over the 8 weeks before (p = ${p}).`,
	signalLate: (type, count) => `${type}: ${count} proceedings past the legal deadline.`,
	signalNextFree: (branch, service, days) =>
		days === null
			? `${branch}, ${service}: no free time at all.`
			: `${branch}, ${service}: the next free time is ${days} days out.`,
	lateTrendNote:
		'Proceedings past their deadline at the end of each month (a daily snapshot of the deadline clocks at midnight).',
	signalLateTrend: (from, to, before, after) =>
		`Proceedings past their legal deadline are increasing: ${before} at the end of ${from}, ${after} at the end of ${to}.`,
	waitlistsNote:
		'How many people were waiting at the end of each of the last four weeks and now; a list grows when the number fell in no week and is higher now than four weeks ago.',
	signalWaitlist: (branch, service, before, now) =>
		`${branch}, ${service}: the waiting list grows week by week (${before} waiting 4 weeks ago, ${now} now).`,
	signalNoShow: (branch, rate) => `${branch}: ${rate} of the booked did not come.`,
	signalRefused: (count) =>
		`${count} holds refused for the browser check or throttling: bot pressure.`,
	signalFlag: (flag, count) => `Agents flagged “${flag}” ${count}×.`,
	searchTerm: 'Search',
	hotlineTopic: 'Hotline topic',
	none: 'none',
	labels: {
		channel: {
			web: 'Web',
			hotline: 'Hotline',
			branch: 'Branch',
			call: 'Call with a code',
			callback: 'Callback'
		},
		step: {
			held: 'Held',
			confirmed: 'Confirmed',
			cancelled: 'Cancelled',
			rescheduled: 'Rescheduled'
		},
		lookup: {
			found: 'Found',
			not_found: 'Not found',
			throttled: 'Throttled (too many tries)',
			invalid: 'Invalid query'
		},
		task: {
			booking: 'Booking confirmed',
			status: 'Status result',
			checklist: 'Checklist',
			hotline: 'Hotline code'
		},
		reason: {
			full: 'Full',
			expired: 'Hold expired',
			already_booked: 'Already booked',
			limit: 'Booking limit',
			late_cancellations: 'Late cancellations',
			throttled: 'Throttling',
			proof: 'Browser check'
		},
		outcome: {
			answered: 'Answered',
			booked: 'Booked',
			callback_needed: 'Callback needed',
			referred: 'Referred',
			no_answer: 'No answer'
		},
		topic: {
			residence_permit: 'Residence permit',
			employee_card: 'Employee card',
			biometrics: 'Biometrics',
			booking: 'Booking',
			documents: 'Documents',
			fees: 'Fees',
			status_delay: 'Delays',
			temporary_protection: 'Temporary protection',
			family: 'Family',
			other: 'Other',
			none: 'No topic'
		},
		flag: {
			intermediary_or_scam: 'Intermediary or scam',
			exploitation: 'Exploitation',
			misinformation: 'Misinformation',
			system_fault: 'System fault'
		},
		weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
	},
	costsTitle: 'Unit costs by channel',
	costsLead:
		'An estimate of what one transaction (a booking) costs per channel, in CZK; the cost per transaction is computed from these.',
	costsSave: 'Save costs',
	costsSaved: 'Costs saved.',
	costsInvalid: 'Enter an amount in CZK, at most 100,000, with at most two decimals.',
	errorSummary: 'There is a problem',
	commentsLead:
		'Free comments on the satisfaction question; numbers and e-mail addresses are removed from them.',
	task: 'Task',
	noComments: 'No comments.',
	reportLead: (year) =>
		`The client centre's statistical-analytical report for ${year}, compared with ${year - 1}. Each chart is followed by its data table; every table downloads as CSV.`,
	print: 'For a PDF use the browser’s print (“Save as PDF”).',
	back: 'Back to insights',
	chartOf: (title) => `Chart: ${title}`
};

export const insightsText = (lang: InsightsLang | string): Text => (lang === 'en' ? en : cs);
export type InsightsText = Text;
