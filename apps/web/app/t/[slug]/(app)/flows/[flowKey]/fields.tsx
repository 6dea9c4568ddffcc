"use client";
import { Input, type InputProps } from "@vendaflow/ui/input";
import { useState } from "react";
import { parseTags } from "./editor-model";

type TextBackedProps<T> = Omit<InputProps, "value" | "onChange" | "type"> & { value: T; onValueChange: (value: T) => void };

/**
 * An input whose typed text is kept locally while it does not parse yet ("-", "1e", ""), so the
 * draft only ever receives real values and typing is never fought by the controlled value.
 */
function useTextBacked<T>(value: T, onValueChange: (value: T) => void, format: (v: T) => string, parse: (text: string) => { ok: true; value: T } | { ok: false }, same: (a: T, b: T) => boolean) {
  const [text, setText] = useState(() => format(value));
  const [shown, setShown] = useState(value);
  // The draft changed from elsewhere (reload, undo): show the new value.
  if (!same(shown, value)) {
    setShown(value);
    const current = parse(text);
    if (!current.ok || !same(current.value, value)) setText(format(value));
  }
  const onChange = (e: { target: { value: string } }) => {
    setText(e.target.value);
    const next = parse(e.target.value);
    if (next.ok) {
      setShown(next.value);
      onValueChange(next.value);
    }
  };
  return { text, onChange };
}

/** Integer field; with `optional`, an empty field means undefined (the default applies). */
export function NumberField({ value, onValueChange, optional = false, ...props }: TextBackedProps<number | undefined> & { optional?: boolean }) {
  const parse = (text: string): { ok: true; value: number | undefined } | { ok: false } => {
    const trimmed = text.trim();
    if (trimmed === "") return optional ? { ok: true, value: undefined } : { ok: false };
    if (!/^-?\d+$/.test(trimmed)) return { ok: false };
    return { ok: true, value: Number(trimmed) };
  };
  const { text, onChange } = useTextBacked(value, onValueChange, (v) => (v === undefined ? "" : String(v)), parse, (a, b) => a === b);
  const parsed = parse(text);
  return (
    <Input
      {...props}
      inputMode="numeric"
      value={text}
      aria-invalid={!parsed.ok || props["aria-invalid"] ? true : undefined}
      onChange={onChange}
    />
  );
}

/** Decimal amount (value bands); empty = no limit. */
export function AmountField({ value, onValueChange, ...props }: TextBackedProps<number | undefined>) {
  const parse = (text: string): { ok: true; value: number | undefined } | { ok: false } => {
    const trimmed = text.trim().replace(/\./g, "").replace(",", ".");
    if (trimmed === "") return { ok: true, value: undefined };
    const n = Number(trimmed);
    return Number.isFinite(n) && /^-?\d*(\.\d+)?$/.test(trimmed) ? { ok: true, value: n } : { ok: false };
  };
  const format = (v: number | undefined) => (v === undefined ? "" : v.toLocaleString("pt-BR", { maximumFractionDigits: 2 }));
  const { text, onChange } = useTextBacked(value, onValueChange, format, parse, (a, b) => a === b);
  return (
    <Input
      {...props}
      inputMode="decimal"
      value={text}
      aria-invalid={!parse(text).ok ? true : undefined}
      onChange={onChange}
    />
  );
}

/** Comma-separated tags. */
export function TagsField({ value, onValueChange, ...props }: TextBackedProps<string[]>) {
  const same = (a: string[], b: string[]) => a.join("\u0000") === b.join("\u0000");
  const { text, onChange } = useTextBacked(value, onValueChange, (v) => v.join(", "), (t) => ({ ok: true, value: parseTags(t) }), same);
  return (
    <Input
      {...props}
      value={text}
      onChange={onChange}
    />
  );
}
