"use client";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { SYNONYM_MAX, SYNONYMS_PER_OPTION } from "@vendaflow/validators/plain/flow";
import { useEffect, useState } from "react";
import { bot as botText } from "@/lib/i18n/pt-br/bot";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { bot: botText };


/** "eu que assino, quem decide sou eu" → ["eu que assino", "quem decide sou eu"]. */
export function parseSynonyms(text: string): string[] {
  return [...new Set(text.split(",").map((x) => x.trim()).filter(Boolean))];
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * An option's synonyms typed as one comma-separated line. The text is kept as typed (so a
 * trailing comma survives while typing) and re-read from the option only when it changes
 * elsewhere (undo, reload).
 */
export function SynonymsField({ value, onChange }: { value: string[] | undefined; onChange: (synonyms: string[] | undefined) => void }) {
  const current = value ?? [];
  const [text, setText] = useState(() => current.join(", "));
  useEffect(() => {
    if (!same(parseSynonyms(text), current)) setText(current.join(", "));
    // Only an outside change of the option's synonyms resets the text.
  }, [current.join("\u0000")]);
  const list = parseSynonyms(text);
  const tooLong = list.some((x) => x.length > SYNONYM_MAX) || list.length > SYNONYMS_PER_OPTION;
  return (
    <FormField label={list.length ? `${t.bot.synonyms.label} (${t.bot.synonyms.count(list.length)})` : t.bot.synonyms.label} description={t.bot.synonyms.hint} labelClassName="text-xs" className="sm:col-span-4">
      <Input
        value={text}
        placeholder={t.bot.synonyms.placeholder}
        aria-invalid={tooLong || undefined}
        data-testid="option-synonyms"
        onChange={(e) => {
          setText(e.target.value);
          const next = parseSynonyms(e.target.value);
          // Absent rather than empty, so flows without synonyms stay as they were.
          onChange(next.length ? next : undefined);
        }}
      />
    </FormField>
  );
}
