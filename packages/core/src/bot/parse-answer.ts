import type { BotAnswer, FlowOption, FlowStep } from "@vendaflow/validators/flow";
import { bandOptionId } from "./budget-band";
import { isSkip, parseEmail, parseName } from "./contact";
import { keywordScore } from "./keyword-score";
import { findOption, matchOptionText, optionNumber } from "./match-option";
import { matchKey } from "./normalize";
import { parseBudget } from "./parse-budget";
import { parseDate } from "./parse-date";

export type AnswerInput = { kind: "text"; text: string } | { kind: "option"; optionId: string };

export type ParsedAnswer =
  | { ok: true; answer: BotAnswer; contact?: { name?: string; email?: string } }
  | { ok: false };

const invalid: ParsedAnswer = { ok: false };

const chosen = (option: FlowOption, raw: string, value: BotAnswer["value"] = option.text): ParsedAnswer => ({
  ok: true,
  answer: { value, optionId: option.id, score: option.score, raw },
});

function parseOptions(step: FlowStep, text: string): ParsedAnswer {
  const options = step.options ?? [];
  const n = optionNumber(matchKey(text));
  if (n !== null) {
    const option = options[n - 1];
    return option ? chosen(option, text) : invalid;
  }
  const exact = matchOptionText(options, text, true);
  if (exact) return chosen(exact, text);
  if (step.skippable && isSkip(text)) return skipped(text);
  if (step.bands) {
    // Free-text budget: keep the amount as the value, the band's option for score and branching.
    const amount = parseBudget(text);
    const option = amount === null ? undefined : findOption(step, bandOptionId(step.bands, amount) ?? "");
    return option && amount !== null ? chosen(option, text, amount) : invalid;
  }
  const loose = matchOptionText(options, text);
  return loose ? chosen(loose, text) : invalid;
}

function skipped(raw: string): ParsedAnswer {
  return { ok: true, answer: { value: null, score: 0, raw } };
}

/** Reads the lead's answer to `step`; `ok: false` means re-ask. Pure: `now` only anchors relative dates. */
export function parseAnswer(step: FlowStep, input: AnswerInput, now: Date, utcOffsetMinutes: number): ParsedAnswer {
  if (input.kind === "option") {
    const option = findOption(step, input.optionId);
    return option ? chosen(option, input.optionId) : invalid;
  }
  const text = input.text.trim();
  if (!text) return invalid;
  if (step.kind === "options") return parseOptions(step, text);
  if (step.skippable && isSkip(text)) return skipped(text);

  switch (step.kind) {
    case "contact_name": {
      const name = parseName(text);
      return name ? { ok: true, answer: { value: name, score: 0, raw: text }, contact: { name } } : invalid;
    }
    case "contact_email": {
      const email = parseEmail(text);
      return email ? { ok: true, answer: { value: email, score: 0, raw: text }, contact: { email } } : invalid;
    }
    case "text":
      return { ok: true, answer: { value: text, score: keywordScore(text, step.keywords), raw: text } };
    case "number": {
      const amount = parseBudget(text);
      if (amount === null) return invalid;
      if (!step.bands) return { ok: true, answer: { value: amount, score: 0, raw: text } };
      const option = findOption(step, bandOptionId(step.bands, amount) ?? "");
      return option ? chosen(option, text, amount) : invalid;
    }
    case "date": {
      const date = parseDate(text, now, utcOffsetMinutes);
      return date ? { ok: true, answer: { value: date, score: 0, raw: text } } : invalid;
    }
  }
}
