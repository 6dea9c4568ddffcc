/**
 * How many linked records a record page's card loads (a company's contacts and deals, a contact's
 * deals): one page, the newest first; the card says so when there were more. Its own module so a
 * route's first load can read it without the card's code.
 */
export const LINKED_LIMIT = 100;
