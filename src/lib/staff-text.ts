// The back office speaks Czech and English only (DESIGN.md); its texts live here rather than in
// messages/, which holds the five public locales. English under /en/, Czech everywhere else.
const cs = {
	signInTitle: 'Přihlášení pracovníků',
	signInLead: 'Pro pracovníky infolinky, pracovišť a redakce. Cizinci se přihlašovat nemusí.',
	email: 'E-mail',
	password: 'Heslo',
	signIn: 'Přihlásit se',
	refused: 'E-mail nebo heslo nesouhlasí, nebo účet není aktivní.',
	emailMissing: 'Zadejte e-mail.',
	passwordMissing: 'Zadejte heslo.',
	throttled: (minutes: number) => `Příliš mnoho pokusů. Zkuste to znovu za ${minutes} min.`,
	verifyTitle: 'Ověření druhým faktorem',
	verifyLead:
		'Zadejte šestimístný kód z ověřovací aplikace, nebo jeden z jednorázových záchranných kódů.',
	code: 'Kód',
	codeMissing: 'Zadejte kód.',
	codeRefused: 'Kód nesouhlasí nebo už byl použit.',
	verify: 'Ověřit',
	enrolTitle: 'Nastavení ověřovací aplikace',
	enrolLead:
		'Každý účet pracovníka musí mít druhý faktor. Naskenujte kód QR v ověřovací aplikaci (např. FreeOTP, Google Authenticator) a zadejte kód, který ukáže.',
	enrolManual: 'Klíč k ručnímu zadání',
	enrolConfirm: 'Potvrdit',
	recoveryTitle: 'Záchranné kódy',
	recoveryLead:
		'Uložte si je na bezpečné místo. Každý kód lze použít jednou, když nebudete mít telefon. Znovu je neuvidíte.',
	continue: 'Pokračovat',
	accountTitle: 'Můj účet',
	roles: 'Role',
	areas: 'Kam dál',
	signOut: 'Odhlásit se',
	signOutEverywhere: 'Odhlásit se na všech zařízeních',
	signedOutEverywhere: (count: number) => `Ukončeno relací: ${count}.`,
	forbidden: 'K této stránce nemáte oprávnění.',
	role: {
		admin: 'Správce',
		branch_staff: 'Pracovník pracoviště',
		agent: 'Operátor infolinky',
		content_editor: 'Redaktor obsahu',
		analyst: 'Analytik'
	},
	area: {
		editor: 'Seznamy dokladů – úpravy'
	},
	editorTitle: 'Seznamy dokladů – úpravy',
	editorLead:
		'Úprava textů v jednom jazyce vytvoří novou verzi. Veřejnost vidí vždy verzi platnou k dnešku; verze s pozdějším datem platnosti začne platit v ten den.',
	editorInForce: 'Platí dnes',
	editorScheduled: 'Čeká na platnost',
	editorHistory: 'Historie verzí',
	editorVersion: 'Verze',
	editorEffective: 'Platí od',
	editorPublishedAt: 'Zveřejněno',
	editorPublishedBy: 'Zveřejnil(a)',
	editorFromFiles: 'ze zdrojových souborů',
	editorEdit: 'Upravit',
	editorLanguage: 'Jazyk textů',
	editorBasedOn: (version: number) => `Vychází z verze ${version}.`,
	editorChecklistTitle: 'Název',
	editorSummary: 'Shrnutí',
	editorItem: (n: number) => `Doklad ${n}`,
	editorItemTitle: 'Název dokladu',
	editorItemWhy: 'Proč je potřeba',
	editorItemCondition: 'Podmínka',
	editorItemLink: 'Text odkazu',
	editorLastReviewed: 'Naposledy zkontrolováno',
	editorPreview: 'Náhled',
	editorPublish: 'Zveřejnit jako novou verzi',
	editorPreviewHeading: 'Náhled – takto to uvidí veřejnost',
	editorPublished: (version: number, date: string) =>
		`Verze ${version} je zveřejněna, platí od ${date}.`,
	editorTextMissing: 'Vyplňte text.',
	editorTextTooLong: 'Text je příliš dlouhý.',
	editorDateInvalid: 'Zadejte datum ve tvaru RRRR-MM-DD, nejdříve dnešní.',
	editorConflict: 'Mezitím někdo zveřejnil novější verzi. Načtěte stránku znovu a úpravy zopakujte.'
};

type StaffText = typeof cs;

const en: StaffText = {
	signInTitle: 'Staff sign-in',
	signInLead: 'For hotline, branch and content staff. Foreigners do not need to sign in.',
	email: 'E-mail',
	password: 'Password',
	signIn: 'Sign in',
	refused: 'The e-mail or password is wrong, or the account is not active.',
	emailMissing: 'Enter your e-mail.',
	passwordMissing: 'Enter your password.',
	throttled: (minutes) => `Too many attempts. Try again in ${minutes} min.`,
	verifyTitle: 'Second factor',
	verifyLead:
		'Enter the six-digit code from your authenticator app, or one of your one-time recovery codes.',
	code: 'Code',
	codeMissing: 'Enter the code.',
	codeRefused: 'The code is wrong or has been used already.',
	verify: 'Verify',
	enrolTitle: 'Set up your authenticator',
	enrolLead:
		'Every staff account needs a second factor. Scan the QR code with an authenticator app (e.g. FreeOTP, Google Authenticator) and enter the code it shows.',
	enrolManual: 'Key for manual entry',
	enrolConfirm: 'Confirm',
	recoveryTitle: 'Recovery codes',
	recoveryLead:
		'Keep them somewhere safe. Each code works once, for when you do not have your phone. You will not see them again.',
	continue: 'Continue',
	accountTitle: 'My account',
	roles: 'Roles',
	areas: 'Where to go',
	signOut: 'Sign out',
	signOutEverywhere: 'Sign out on all devices',
	signedOutEverywhere: (count) => `Sessions ended: ${count}.`,
	forbidden: 'You do not have permission for this page.',
	role: {
		admin: 'Administrator',
		branch_staff: 'Branch staff',
		agent: 'Hotline agent',
		content_editor: 'Content editor',
		analyst: 'Analyst'
	},
	area: {
		editor: 'Document checklists – editing'
	},
	editorTitle: 'Document checklists – editing',
	editorLead:
		'Editing the texts of one language makes a new version. The public always sees the version in force today; a version with a later date takes over on that day.',
	editorInForce: 'In force today',
	editorScheduled: 'Scheduled',
	editorHistory: 'Version history',
	editorVersion: 'Version',
	editorEffective: 'In force from',
	editorPublishedAt: 'Published',
	editorPublishedBy: 'Published by',
	editorFromFiles: 'from the source files',
	editorEdit: 'Edit',
	editorLanguage: 'Language of the texts',
	editorBasedOn: (version) => `Based on version ${version}.`,
	editorChecklistTitle: 'Title',
	editorSummary: 'Summary',
	editorItem: (n) => `Document ${n}`,
	editorItemTitle: 'Document name',
	editorItemWhy: 'Why it is needed',
	editorItemCondition: 'Condition',
	editorItemLink: 'Link text',
	editorLastReviewed: 'Last reviewed',
	editorPreview: 'Preview',
	editorPublish: 'Publish as a new version',
	editorPreviewHeading: 'Preview – what the public will see',
	editorPublished: (version, date) => `Version ${version} is published, in force from ${date}.`,
	editorTextMissing: 'Enter the text.',
	editorTextTooLong: 'The text is too long.',
	editorDateInvalid: 'Enter a date as YYYY-MM-DD, today or later.',
	editorConflict:
		'Someone published a newer version meanwhile. Reload the page and make your changes again.'
};

export function staffText(locale: string): StaffText {
	return locale === 'en' ? en : cs;
}
