/**
 * The time core reasons with ("now" for windows, SLAs, expiries). Production passes
 * `() => new Date()`; tests pass a fixed or advancing clock. Timestamps that only record when a
 * row was written stay on the database's `now()`.
 */
export type Clock = () => Date;
