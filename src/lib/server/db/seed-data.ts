import type { WeeklyHours } from '../booking/booking.schema';
import type { Role } from '../accounts/roles';

const PRAGUE_HOURS: WeeklyHours = {
	'1': [['08:00', '17:00']],
	'2': [['08:00', '15:00']],
	'3': [['08:00', '17:00']],
	'4': [['08:00', '15:00']],
	'5': [['08:00', '12:00']]
};
const REGIONAL_HOURS: WeeklyHours = {
	...PRAGUE_HOURS,
	'2': [['08:00', '12:00']],
	'4': [['08:00', '12:00']]
};

export interface SeedBranch {
	slug: string;
	name: string;
	region: string;
	street: string;
	postcode: string;
	city: string;
	latitude: string;
	longitude: string;
	takesBiometrics: boolean;
	hours: WeeklyHours;
	/** False where the street address is a demo placeholder, to be checked against the ministry's list. */
	addressVerified: boolean;
}

const b = (
	slug: string,
	name: string,
	region: string,
	street: string,
	postcode: string,
	city: string,
	[latitude, longitude]: [string, string],
	takesBiometrics: boolean,
	addressVerified: boolean
): SeedBranch => ({
	slug,
	name,
	region,
	street,
	postcode,
	city,
	latitude,
	longitude,
	takesBiometrics,
	hours: city.startsWith('Praha') ? PRAGUE_HOURS : REGIONAL_HOURS,
	addressVerified
});

/** The ministry's branches (DOMAIN.md). The first seven addresses are the public ones. */
export const SEED_BRANCHES: SeedBranch[] = [
	b(
		'praha-1',
		'Praha I',
		'Praha',
		'Žukovského 888/2',
		'161 00',
		'Praha 6',
		['50.0959', '14.3484'],
		true,
		true
	),
	b(
		'praha-2',
		'Praha II',
		'Praha',
		'Cigánkova 1861/2',
		'148 00',
		'Praha 4-Chodov',
		['50.0277', '14.4923'],
		true,
		true
	),
	b(
		'praha-5',
		'Praha V',
		'Praha',
		'Kolbenova 942/38a',
		'190 00',
		'Praha 9',
		['50.1104', '14.5183'],
		false,
		true
	),
	b(
		'brno',
		'Brno',
		'Jihomoravský kraj',
		'Tuřanka 115',
		'627 00',
		'Brno',
		['49.1633', '16.6633'],
		true,
		true
	),
	b(
		'ceske-budejovice',
		'České Budějovice',
		'Jihočeský kraj',
		'Pražská 1257/23',
		'370 04',
		'České Budějovice',
		['48.9881', '14.4757'],
		true,
		true
	),
	b(
		'pribram',
		'Příbram',
		'Středočeský kraj',
		'Žežická 498',
		'261 01',
		'Příbram',
		['49.6956', '14.0196'],
		false,
		true
	),
	b(
		'zlin',
		'Zlín',
		'Zlínský kraj',
		'Pod Vrškem 5360',
		'760 01',
		'Zlín',
		['49.2165', '17.6466'],
		false,
		true
	),
	b(
		'plzen',
		'Plzeň',
		'Plzeňský kraj',
		'Slovanská alej 2144/26',
		'326 00',
		'Plzeň',
		['49.7307', '13.3917'],
		true,
		false
	),
	b(
		'ostrava',
		'Ostrava',
		'Moravskoslezský kraj',
		'Hulvácká 2849/1',
		'700 30',
		'Ostrava',
		['49.8081', '18.2695'],
		true,
		false
	),
	b(
		'frydek-mistek',
		'Frýdek-Místek',
		'Moravskoslezský kraj',
		'Na Poříčí 3268',
		'738 01',
		'Frýdek-Místek',
		['49.6832', '18.3507'],
		false,
		false
	),
	b(
		'olomouc',
		'Olomouc',
		'Olomoucký kraj',
		'Foerstrova 1058/1',
		'779 00',
		'Olomouc',
		['49.5938', '17.2509'],
		false,
		false
	),
	b(
		'liberec',
		'Liberec',
		'Liberecký kraj',
		'Nákladní 434/19',
		'460 05',
		'Liberec',
		['50.7681', '15.0676'],
		false,
		false
	),
	b(
		'hradec-kralove',
		'Hradec Králové',
		'Královéhradecký kraj',
		'Hořická 1652/35',
		'500 02',
		'Hradec Králové',
		['50.2164', '15.8275'],
		true,
		false
	),
	b(
		'pardubice',
		'Pardubice',
		'Pardubický kraj',
		'Palackého 1932',
		'530 02',
		'Pardubice',
		['50.0365', '15.7671'],
		false,
		false
	),
	b(
		'usti-nad-labem',
		'Ústí nad Labem',
		'Ústecký kraj',
		'Petrovická 852/1',
		'400 01',
		'Ústí nad Labem',
		['50.6607', '14.0323'],
		false,
		false
	),
	b(
		'chomutov',
		'Chomutov',
		'Ústecký kraj',
		'Pražská 1155/76',
		'430 01',
		'Chomutov',
		['50.4548', '13.4181'],
		false,
		false
	),
	b(
		'karlovy-vary',
		'Karlovy Vary',
		'Karlovarský kraj',
		'Závodní 385/98c',
		'360 06',
		'Karlovy Vary',
		['50.2185', '12.8814'],
		false,
		false
	),
	b(
		'jihlava',
		'Jihlava',
		'Kraj Vysočina',
		'Vrchlického 2970/46',
		'586 01',
		'Jihlava',
		['49.3961', '15.5912'],
		false,
		false
	),
	b(
		'pisek',
		'Písek',
		'Jihočeský kraj',
		'Karla Čapka 24',
		'397 01',
		'Písek',
		['49.3088', '14.1475'],
		false,
		false
	),
	b(
		'jindrichuv-hradec',
		'Jindřichův Hradec',
		'Jihočeský kraj',
		'Jarošovská 1126/II',
		'377 01',
		'Jindřichův Hradec',
		['49.1441', '15.0030'],
		false,
		false
	),
	b(
		'kutna-hora',
		'Kutná Hora',
		'Středočeský kraj',
		'Masarykova 317',
		'284 01',
		'Kutná Hora',
		['49.9484', '15.2682'],
		false,
		false
	)
];

export interface SeedService {
	slug: string;
	durationMinutes: number;
	needsProceeding: boolean;
	biometricsOnly: boolean;
}

const s = (
	slug: string,
	durationMinutes: number,
	needsProceeding = false,
	biometricsOnly = false
): SeedService => ({
	slug,
	durationMinutes,
	needsProceeding,
	biometricsOnly
});

/** Bookable actions (úkony) from DOMAIN.md; names and descriptions are in messages/ (service_<slug>_…). */
export const SEED_SERVICES: SeedService[] = [
	s('registration', 15),
	s('biometrics', 15, true, true),
	s('card-pickup', 10, true),
	s('application-long-term', 30),
	s('application-extension', 20),
	s('application-change-of-purpose', 30),
	s('application-child-born', 30),
	s('application-eu-family', 30),
	s('bridging-sticker', 10, true),
	s('exit-order', 15),
	s('collect-document', 10, true),
	s('file-inspection', 30, true),
	s('present-original', 10, true),
	s('report-changes', 15),
	s('residence-confirmation', 15),
	s('temporary-protection', 15)
];

export interface SeedStaff {
	email: string;
	displayName: string;
	roles: Role[];
	branches: string[];
}

export const SEED_STAFF: SeedStaff[] = [
	{
		email: 'admin@pobyt.demo',
		displayName: 'Alena Administrátorová',
		roles: ['admin'],
		branches: []
	},
	{
		email: 'urednik@pobyt.demo',
		displayName: 'Petr Úředník',
		roles: ['branch_staff'],
		branches: ['praha-1', 'praha-2']
	},
	{ email: 'operator@pobyt.demo', displayName: 'Jana Operátorová', roles: ['agent'], branches: [] },
	{
		email: 'redaktor@pobyt.demo',
		displayName: 'Karel Redaktor',
		roles: ['content_editor'],
		branches: []
	},
	{ email: 'analytik@pobyt.demo', displayName: 'Eva Analytická', roles: ['analyst'], branches: [] }
];

export interface SeedDemoProceeding {
	number: number;
	serial: number | null;
	typeCode: 'DP' | 'ZK' | 'TP' | 'ST';
	birthDate: string;
	complex: boolean;
	/** Events as days before the seed's clock; the year of the number is the year of filing. */
	history: {
		kind:
			| 'filed'
			| 'suspended'
			| 'resumed'
			| 'preliminary_positive'
			| 'biometrics_taken'
			| 'approved'
			| 'card_ready';
		daysAgo: number;
		deadlineInDays?: number;
	}[];
}

/** Known proceedings for demos and end-to-end tests (README lists them), one per useful stage. */
export const SEED_DEMO_PROCEEDINGS: SeedDemoProceeding[] = [
	{
		number: 51727,
		serial: 4,
		typeCode: 'DP',
		birthDate: '1990-03-27',
		complex: false,
		history: [
			{ kind: 'filed', daysAgo: 75 },
			{ kind: 'suspended', daysAgo: 60, deadlineInDays: -30 },
			{ kind: 'resumed', daysAgo: 40 },
			{ kind: 'preliminary_positive', daysAgo: 5 }
		]
	},
	{
		number: 10001,
		serial: null,
		typeCode: 'ZK',
		birthDate: '1985-11-02',
		complex: false,
		history: [
			{ kind: 'filed', daysAgo: 30 },
			{ kind: 'suspended', daysAgo: 10, deadlineInDays: 20 }
		]
	},
	{
		number: 10002,
		serial: 1,
		typeCode: 'TP',
		birthDate: '1979-06-15',
		complex: false,
		history: [{ kind: 'filed', daysAgo: 100 }]
	},
	{
		number: 10003,
		serial: null,
		typeCode: 'ST',
		birthDate: '2001-01-20',
		complex: false,
		history: [
			{ kind: 'filed', daysAgo: 120 },
			{ kind: 'preliminary_positive', daysAgo: 70 },
			{ kind: 'biometrics_taken', daysAgo: 60 },
			{ kind: 'approved', daysAgo: 50 },
			{ kind: 'card_ready', daysAgo: 10 }
		]
	}
];
