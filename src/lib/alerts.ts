/** A confirmation link for e-mail alerts works for a week (DESIGN.md: links expire). */
export const CONFIRM_LINK_DAYS = 7;
