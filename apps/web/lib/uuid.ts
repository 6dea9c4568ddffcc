// The one UUID check of apps/web (ids in addresses, route segments, request ids). Apart from
// ./url-params, which re-exports it, so a page that only checks an id does not carry the address
// helpers in its bundle (each route's first load has a 200 KB budget).

/** A UUID as ids are written in addresses (any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: string): boolean => UUID.test(v);
