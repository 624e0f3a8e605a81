// Served by the service worker in place of pages never visited; plain HTML, no app code.
export const csr = false;
