import { pageTitles } from "@/lib/i18n/pt-br/page-titles";
import { SearchView } from "./search-view";

export const metadata = { title: pageTitles.search };

/** The header's search, across leads, deals, contacts and companies (every role reads them). */
export default function SearchPage() {
  return <SearchView />;
}
