// The altcha widget (34 KB gzip) with the site's languages; loaded by proof-of-work.ts only once
// someone starts choosing a time, so it never counts against a page's first load.
import 'altcha';
import 'altcha/i18n/cs';
import 'altcha/i18n/en';
import 'altcha/i18n/uk';
import 'altcha/i18n/ru';
import 'altcha/i18n/vi';
