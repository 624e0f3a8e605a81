// Public pages are server-rendered HTML with no application JavaScript: on a cheap phone the
// fastest script is none (docs/adr/0002). A page that needs interactivity sets `csr = true` and
// must still pass the 40 KB first-load test.
export const csr = false;
