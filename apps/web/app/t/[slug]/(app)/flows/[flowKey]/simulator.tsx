"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { cn } from "@vendaflow/ui/cn";
import { Input } from "@vendaflow/ui/input";
import type { BotInput, BotReply } from "@vendaflow/core/bot/types";
import { simulate } from "@vendaflow/core/flows/simulate";
import type { Flow } from "@vendaflow/validators/flow";
import { Clock, RotateCcw, Send } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { DecidedBy } from "./decided-by";
import { describeEffect, type EffectTone } from "./effects";
import { leadInputText } from "@/lib/flow-input";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { flows: flowsText };

const toneClass: Record<EffectTone, string> = {
  muted: "text-muted-foreground",
  success: "text-success font-medium",
  warning: "text-warning-foreground font-medium",
  info: "text-foreground font-medium",
};

function Bubble({ from, children, testId }: { from: "lead" | "bot"; children: ReactNode; testId?: string }) {
  return (
    <div className={cn("flex", from === "lead" ? "justify-end" : "justify-start")} data-testid={testId}>
      <div className={cn("max-w-[85%] rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap", from === "lead" ? "rounded-br-sm bg-primary text-primary-foreground" : "rounded-bl-sm bg-muted")}>
        {children}
      </div>
    </div>
  );
}

const replyText = (r: BotReply) => r.text;

/**
 * Live simulator: runs core's simulate() in the browser on the current draft. Answers are kept as
 * a list of inputs and replayed on every edit, so a change to the draft shows up immediately.
 */
export function Simulator({ flow, stale = false }: { flow: Flow | null; stale?: boolean }) {
  const [inputs, setInputs] = useState<BotInput[]>([]);
  const [now, setNow] = useState(() => new Date());
  const [text, setText] = useState("");
  const endRef = useRef<HTMLDivElement>(null);
  const sim = useMemo(() => (flow ? simulate(flow, inputs, now) : null), [flow, inputs, now]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "nearest" });
  }, [sim?.transcript.length]);

  const restart = () => {
    setInputs([]);
    setNow(new Date());
    setText("");
  };
  const send = (input: BotInput) => setInputs((list) => [...list, input]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    send({ kind: "text", text });
    setText("");
  };

  const active = sim?.state.status === "active";
  const last = sim?.transcript.at(-1);
  const lastQuestion = last?.replies.findLast((r) => r.kind === "question");
  const effects = (flow && sim?.transcript.flatMap((entry, i) => entry.effects.map((effect, j) => ({ key: `${i}-${j}`, ...describeEffect(effect, flow) })))) ?? [];

  return (
    <Card className="gap-4" data-testid="simulator">
      <CardHeader className="flex flex-row items-start justify-between gap-2">
        <div className="space-y-1">
          <CardTitle>{t.flows.simulator}</CardTitle>
          <CardDescription>{t.flows.simulatorHint}</CardDescription>
        </div>
        <Button type="button" size="sm" variant="outline" onClick={restart} data-testid="simulator-restart"><RotateCcw />{t.flows.restart}</Button>
      </CardHeader>
      <CardContent className="space-y-4">
        {stale && flow ? <Alert data-testid="simulator-stale"><AlertDescription>{t.flows.staleDraft}</AlertDescription></Alert> : null}
        {!flow || !sim ? (
          <Alert variant="destructive"><AlertDescription>{t.flows.cannotSimulate}</AlertDescription></Alert>
        ) : (
          <>
            <div className="max-h-[28rem] space-y-2 overflow-y-auto rounded-lg border bg-background p-3" aria-live="polite" data-testid="simulator-chat">
              {sim.transcript.map((entry, i) => (
                <div key={i} className="space-y-2">
                  {entry.input ? <Bubble from="lead" testId="sim-lead">{leadInputText(flow, entry.input, sim.transcript[i - 1]?.stepId ?? null)}</Bubble> : null}
                  <DecidedBy reading={entry.reading} />
                  {entry.replies.map((r, j) => <Bubble key={j} from="bot" testId="sim-bot">{replyText(r)}</Bubble>)}
                </div>
              ))}
              <div ref={endRef} />
            </div>

            {active && lastQuestion?.kind === "question" && lastQuestion.options?.length ? (
              <div className="flex flex-wrap gap-2" data-testid="simulator-options">
                {lastQuestion.options.map((o) => (
                  <Button key={o.id} type="button" size="sm" variant="secondary" title={o.text} onClick={() => send({ kind: "option", optionId: o.id })}>{o.label}</Button>
                ))}
              </div>
            ) : null}

            {active ? (
              <form onSubmit={onSubmit} className="flex gap-2">
                <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t.flows.typeAnswer} aria-label={t.flows.typeAnswer} data-testid="simulator-input" />
                <Button type="submit" size="icon" aria-label={t.flows.send} title={t.flows.send}><Send /></Button>
                <Button type="button" size="icon" variant="outline" aria-label={t.flows.silence} title={t.flows.silence} onClick={() => send({ kind: "timeout", revision: sim.state.revision })}><Clock /></Button>
              </form>
            ) : (
              <p className="text-sm text-muted-foreground" data-testid="simulator-ended">{t.flows.ended}</p>
            )}

            <dl className="grid gap-3 text-sm">
              <div>
                <dt className="font-medium">{t.flows.path}</dt>
                <dd className="flex flex-wrap items-center gap-1 font-mono text-xs" data-testid="simulator-path">
                  {sim.state.path.map((id, i) => (
                    <span key={i} className="flex items-center gap-1">{i > 0 ? <span aria-hidden="true">→</span> : null}<Badge variant="outline">{id}</Badge></span>
                  ))}
                </dd>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <dt className="font-medium">{t.flows.score}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <span data-testid="simulator-score" className="tabular-nums">{t.flows.scoreOf(sim.state.score, flow.minScore)}</span>
                  <Badge variant={sim.state.status === "active" ? "secondary" : sim.state.status === "completed" ? "success" : "warning"}>{t.flows.statuses[sim.state.status]}</Badge>
                </dd>
              </div>
              <div>
                <dt className="font-medium">{t.flows.effects}</dt>
                <dd>
                  {effects.length ? (
                    <ul className="mt-1 space-y-0.5 text-xs" data-testid="simulator-effects">
                      {effects.map((e) => <li key={e.key} className={toneClass[e.tone]}>{e.text}</li>)}
                    </ul>
                  ) : <span className="text-muted-foreground">{t.flows.noEffects}</span>}
                </dd>
              </div>
            </dl>
          </>
        )}
      </CardContent>
    </Card>
  );
}
