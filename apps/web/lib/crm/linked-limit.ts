/**
 * How many linked records a record page's card loads (a company's contacts and deals, a contact's
 * deals): one page, the newest first; the card says so when there were more. Its own module so a
 * route's first load can read it without the card's code.
 */
export const LINKED_LIMIT = 100;

/**
 * From how many items a card repeats "Ver todos" under its list: past about ten rows the link at
 * the top has scrolled away by the time one reaches the end of the card.
 */
export const LINKED_FOOT_AFTER = 10;

/** Whether a card of `count` items shows "Ver todos" at its foot as well as at its top. */
export const linkedAllAtFoot = (count: number) => count > LINKED_FOOT_AFTER;
