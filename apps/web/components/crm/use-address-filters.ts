"use client";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { listFiltersFrom, withListFilters, type Filters, type ListParams } from "@/lib/crm/list-params";
import { paramsOf, showInAddress } from "@/lib/url-params";

/** Typing in a search waits this long before the address follows (one address update, not one per key). */
const SEARCH_DELAY_MS = 300;

/** The filters the address held when the view opened: only the view's own (`rules`), only well-formed values. */
export function useAddressFilters(rules: ListParams): Filters {
  const search = useSearchParams();
  const [initial] = useState(() => listFiltersFrom(paramsOf(search), rules));
  return initial;
}

/**
 * Keeps a CRM view's filters in the address (replaced in place: Back from a record opened from the
 * view returns to it filtered). A change of the search (`q`) waits for a pause in typing; any other
 * change shows at once. Values equal to `defaults` are left out of the address.
 */
export function useFiltersInAddress(filters: Filters, rules: ListParams, defaults: Filters = {}): void {
  const searched = useRef(filters.q ?? "");
  const defaultsRef = useRef(defaults);
  useEffect(() => {
    const write = () => showInAddress(withListFilters(new URL(window.location.href), filters, rules, defaultsRef.current));
    if ((filters.q ?? "") === searched.current) return write();
    searched.current = filters.q ?? "";
    const timer = setTimeout(write, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, rules]);
}
