// One term per concept in each language (issue 15): `messages/glossary/{locale}.json` names the
// term a language uses for each concept, with the Czech official term, and the other names that
// must not come back. The messages test checks every message and every checklist in force.

export interface GlossaryConcept {
	concept: string;
	/** The Czech official term, for translators. */
	czech: string;
	/** The term this language uses: a regular expression, matched case-insensitively. */
	term: string;
	/** Other names for the same concept that must not appear (regular expressions). */
	not: string[];
}

export interface Glossary {
	concepts: GlossaryConcept[];
}

/** One text to check and where it comes from (a message key, a checklist field). */
export interface GlossaryText {
	where: string;
	text: string;
}

export interface GlossaryViolation {
	concept: string;
	where: string;
	/** The second term as it stands in the text. */
	found: string;
	/** What to write instead. */
	term: string;
}

const pattern = (source: string) => new RegExp(source, 'giu');

/** Every place where a concept is named by a term the glossary rules out. */
export function glossaryViolations(glossary: Glossary, texts: GlossaryText[]): GlossaryViolation[] {
	const violations: GlossaryViolation[] = [];
	for (const c of glossary.concepts) {
		for (const not of c.not) {
			const re = pattern(not);
			for (const { where, text } of texts) {
				for (const match of text.matchAll(re)) {
					violations.push({ concept: c.concept, where, found: match[0], term: c.term });
				}
			}
		}
	}
	return violations;
}

/** Concepts whose own term appears nowhere: the glossary no longer describes the texts. */
export function unusedTerms(glossary: Glossary, texts: GlossaryText[]): string[] {
	return glossary.concepts
		.filter((c) => !texts.some(({ text }) => pattern(c.term).test(text)))
		.map((c) => c.concept);
}
