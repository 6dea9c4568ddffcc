import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n";

const t = messages();

// Each CRM list's search reads its table's search column (db/migrations 0020_crm.sql and
// 0021_crm_lead_list.sql): a placeholder naming a field the search does not read promises results
// that never come (deals were offered "empresa, contato" and companies "e-mail, telefone").
const reads = {
  leads: { text: t.crmLists.leads.searchPlaceholder, yes: ["nome", "e-mail", "telefone", "empresa"], no: [] },
  contacts: { text: t.crm.contacts.searchPlaceholder, yes: ["nome", "e-mail", "telefone"], no: ["empresa", "domínio"] },
  companies: { text: t.crm.companies.searchPlaceholder, yes: ["nome", "domínio"], no: ["e-mail", "telefone"] },
  deals: { text: t.crm.deals.searchPlaceholder, yes: ["título"], no: ["empresa", "contato", "e-mail", "telefone"] },
};

describe("CRM search placeholders", () => {
  for (const [list, { text, yes, no }] of Object.entries(reads)) {
    it(`${list}: names what its search reads, and nothing else`, () => {
      for (const w of yes) expect(text.toLowerCase()).toContain(w);
      for (const w of no) expect(text.toLowerCase()).not.toContain(w);
    });
  }
});
