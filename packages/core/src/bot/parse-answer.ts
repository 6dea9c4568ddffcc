import type { AnswerDecision, BotAnswer, FlowOption, FlowStep } from "@vendaflow/validators/flow";
import { bandOptionId } from "./budget-band";
import { isSkip, parseEmail, parseName } from "./contact";
import { keywordHits } from "./keyword-score";
import { findOption } from "./match-option";
import { bandPoint, parseAmount } from "./parse-amount";
import { parseDate } from "./parse-date";
import { readOption } from "./read-options";

export type AnswerInput = { kind: "text"; text: string } | { kind: "option"; optionId: string };

export type ParsedAnswer =
  | { ok: true; answer: BotAnswer; contact?: { name?: string; email?: string } }
  | { ok: false };

const invalid: ParsedAnswer = { ok: false };

export const chosen = (option: FlowOption, raw: string, decision: AnswerDecision, value: BotAnswer["value"] = option.text): ParsedAnswer => ({
  ok: true,
  answer: { value, optionId: option.id, score: option.score, raw, decision },
});

const plain = (value: BotAnswer["value"], raw: string, decision: AnswerDecision, score = 0): ParsedAnswer => ({
  ok: true,
  answer: { value, score, raw, decision },
});

function parseOptions(step: FlowStep, text: string, now: Date, utcOffsetMinutes: number): ParsedAnswer {
  const reading = readOption(step, text, now, utcOffsetMinutes);
  if (reading && (reading.decision.via === "number" || reading.decision.via === "exact")) return chosen(reading.option, text, reading.decision, reading.value);
  if (step.skippable && isSkip(text)) return plain(null, text, { via: "skip" });
  return reading ? chosen(reading.option, text, reading.decision, reading.value) : invalid;
}

/** Reads the lead's answer to `step`; `ok: false` means re-ask. Pure: `now` only anchors relative dates. */
export function parseAnswer(step: FlowStep, input: AnswerInput, now: Date, utcOffsetMinutes: number): ParsedAnswer {
  if (input.kind === "option") {
    const option = findOption(step, input.optionId);
    return option ? chosen(option, input.optionId, { via: "button" }) : invalid;
  }
  const text = input.text.trim();
  if (!text) return invalid;
  if (step.kind === "options") return parseOptions(step, text, now, utcOffsetMinutes);
  if (step.skippable && isSkip(text)) return plain(null, text, { via: "skip" });

  switch (step.kind) {
    case "contact_name": {
      const name = parseName(text);
      return name ? { ok: true, answer: { value: name, score: 0, raw: text, decision: { via: "contact" } }, contact: { name } } : invalid;
    }
    case "contact_email": {
      const email = parseEmail(text);
      return email ? { ok: true, answer: { value: email, score: 0, raw: text, decision: { via: "contact" } }, contact: { email } } : invalid;
    }
    case "text": {
      const hits = keywordHits(text, step.keywords);
      const score = hits.reduce((sum, k) => sum + k.score, 0);
      return plain(text, text, { via: "keyword", ...(hits.length ? { keywords: hits } : {}) }, score);
    }
    case "number": {
      const amount = parseAmount(text);
      if (amount === null) return invalid;
      const decision: AnswerDecision = { via: "band", rule: amount.bound, evidence: amount.evidence };
      if (!step.bands) return plain(amount.value, text, { ...decision, via: "rule" });
      const option = findOption(step, bandOptionId(step.bands, bandPoint(amount)) ?? "");
      return option ? chosen(option, text, decision, amount.value) : invalid;
    }
    case "date": {
      const date = parseDate(text, now, utcOffsetMinutes);
      return date ? plain(date, text, { via: "rule", rule: "date" }) : invalid;
    }
  }
}
