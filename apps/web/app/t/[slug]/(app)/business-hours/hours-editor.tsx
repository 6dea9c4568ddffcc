"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import { Plus, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors, unplacedErrors } from "@/lib/trpc/errors";
import { FormErrorAlert } from "@/components/form-error-alert";
import { ZONES } from "./zones";
import { DAY_ORDER, holidayName, hoursInput, newHoliday, newInterval, withNationalHolidays, type HoursDraft, type IntervalDraft } from "./model";
import { businessHours as businessHoursText } from "@/lib/i18n/pt-br/business-hours";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { businessHours: businessHoursText };

/** One section's form: zone, weekly intervals and holidays, saved on its own. */
export function HoursEditor({ teamId, initial, onSaved, onCancel, testId }: { teamId: string | null; initial: HoursDraft; onSaved: () => void; onCancel?: () => void; testId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(trpc.routing.saveBusinessHours.mutationOptions());
  const [draft, setDraft] = useState<HoursDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Server issues point at `weekly.<n>`: n → (day, interval) of the submitted draft.
  const [issueAt, setIssueAt] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);

  const setDay = (day: number, list: IntervalDraft[]) => setDraft((d) => ({ ...d, days: d.days.map((l, i) => (i === day ? list : l)) }));
  const setTime = (day: number, list: IntervalDraft[], key: IntervalDraft["key"], end: "open" | "close", value: string) => setDay(day, list.map((x) => (x.key === key ? { ...x, [end]: value } : x)));
  const clearIssues = () => {
    setErrors({});
    setIssueAt(new Map());
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clearIssues();
    setFormError(null);
    const { input, slots } = hoursInput(draft, teamId);
    try {
      await save.mutateAsync(input);
      toast.success(t.businessHours.saved);
      onSaved();
    } catch (err) {
      const fe = fieldErrors(err);
      const at = new Map<string, string>();
      for (const [k, m] of Object.entries(fe)) {
        const match = /^weekly\.(\d+)(?:\.|$)/.exec(k);
        const slot = match ? slots[Number(match[1])] : undefined;
        if (slot) {
          const key = `${slot.day}.${slot.index}`;
          if (!at.has(key)) at.set(key, m);
        }
      }
      setErrors(fe);
      setIssueAt(at);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    }
  };

  const known = [...ZONES.brazil, ...ZONES.other].some((z) => z.id === draft.timezone);
  const holidayError = (i: number) => errors[`holidays.${i}`];
  const placed = (k: string) => k === "timezone" || k === "weekly" || /^weekly\.\d+/.test(k) || k === "holidays" || /^holidays\.\d+$/.test(k);
  const leftover = unplacedErrors(errors, placed);

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate data-testid={testId}>
      {/* The IANA id under the select, not in each option: "Brasília (SP, RJ, MG, Sul, GO, DF…) — America/Sao_Paulo" was cut on a phone. */}
      <FormField label={t.businessHours.timezone} description={t.businessHours.timezoneId(draft.timezone)} error={errors.timezone} className="max-w-md">
        <Select name="timezone" value={draft.timezone} onChange={(e) => setDraft((d) => ({ ...d, timezone: e.target.value }))}>
          {known ? null : <SelectOption value={draft.timezone}>{draft.timezone}</SelectOption>}
          <optgroup label={t.businessHours.timezoneGroups.brazil}>
            {ZONES.brazil.map((z) => <SelectOption key={z.id} value={z.id}>{z.label}</SelectOption>)}
          </optgroup>
          <optgroup label={t.businessHours.timezoneGroups.other}>
            {ZONES.other.map((z) => <SelectOption key={z.id} value={z.id}>{z.label}</SelectOption>)}
          </optgroup>
        </Select>
      </FormField>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t.businessHours.weekly}</legend>
        <p className="text-xs text-muted-foreground">{t.businessHours.weeklyHint}</p>
        <div className="divide-y rounded-lg border">
          {DAY_ORDER.map((day) => {
            const label = t.businessHours.days[day]!;
            const list = draft.days[day]!;
            const open = list.length > 0;
            return (
              <div key={day} className="grid gap-2 p-2 sm:grid-cols-[12rem_1fr]" data-testid="weekday" data-day={day}>
                <Checkbox
                  label={<span className="font-medium">{label}</span>}
                  labelClassName="h-9"
                  checked={open}
                  onChange={(e) => {
                    clearIssues();
                    setDay(day, e.target.checked ? [newInterval()] : []);
                  }}
                />
                <div className="space-y-2">
                  {!open ? <p className="flex h-9 items-center text-sm text-muted-foreground">{t.businessHours.closed}</p> : null}
                  {list.map((iv, n) => {
                    const issue = issueAt.get(`${day}.${n}`);
                    const issueId = `hours-${teamId ?? "tenant"}-${day}-${n}-issue`;
                    return (
                      <div key={iv.key} className="space-y-1">
                        <div className="flex flex-wrap items-center gap-2">
                          <TimeInput label={t.businessHours.opensAt(label, n + 1)} issueId={issue ? issueId : undefined} value={iv.open} onChange={(v) => setTime(day, list, iv.key, "open", v)} />
                          <span className="text-sm text-muted-foreground">{t.businessHours.until}</span>
                          <TimeInput label={t.businessHours.closesAt(label, n + 1)} issueId={issue ? issueId : undefined} value={iv.close} onChange={(v) => setTime(day, list, iv.key, "close", v)} />
                          <Button
                            type="button"
                            size="icon"
                            variant="ghost"
                            className="size-8"
                            aria-label={t.businessHours.removeInterval(label, n + 1)}
                            onClick={() => {
                              clearIssues();
                              setDay(day, list.filter((x) => x.key !== iv.key));
                            }}
                          >
                            <X aria-hidden="true" />
                          </Button>
                          {n === list.length - 1 ? (
                            <Button type="button" size="sm" variant="ghost" aria-label={t.businessHours.addIntervalTo(label)} onClick={() => setDay(day, [...list, newInterval(iv.close === "00:00" ? "18:00" : iv.close, "00:00")])}>
                              <Plus aria-hidden="true" />{t.businessHours.addInterval}
                            </Button>
                          ) : null}
                        </div>
                        {issue ? <p id={issueId} className="text-sm font-medium text-destructive" role="alert">{issue}</p> : null}
                      </div>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
        {errors.weekly ? <p className="text-sm font-medium text-destructive" role="alert">{errors.weekly}</p> : null}
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t.businessHours.holidays}</legend>
        <p className="text-xs text-muted-foreground">{t.businessHours.holidaysHint}</p>
        {draft.holidays.length === 0 ? <p className="text-sm text-muted-foreground">{t.businessHours.noHolidays}</p> : null}
        <ul className="space-y-2">
          {draft.holidays.map((h, i) => (
            <li key={h.key} className="space-y-1">
              <div className="flex items-center gap-2">
                <Input
                  type="date"
                  className="w-44"
                  aria-label={t.businessHours.holiday(i + 1)}
                  aria-invalid={holidayError(i) ? true : undefined}
                  value={h.date}
                  onChange={(e) => setDraft((d) => ({ ...d, holidays: d.holidays.map((x) => (x.key === h.key ? { ...x, date: e.target.value } : x)) }))}
                />
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="size-8"
                  aria-label={t.businessHours.removeHoliday(i + 1)}
                  onClick={() => {
                    clearIssues();
                    setDraft((d) => ({ ...d, holidays: d.holidays.filter((x) => x.key !== h.key) }));
                  }}
                >
                  <X aria-hidden="true" />
                </Button>
                {holidayName(h.date) ? <span className="text-sm text-muted-foreground">{holidayName(h.date)}</span> : null}
              </div>
              {holidayError(i) ? <p className="text-sm font-medium text-destructive" role="alert">{holidayError(i)}</p> : null}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          <Button type="button" size="sm" variant="outline" disabled={draft.holidays.length >= 366} onClick={() => setDraft((d) => ({ ...d, holidays: [...d.holidays, newHoliday()] }))}>
            <Plus aria-hidden="true" />{t.businessHours.addHoliday}
          </Button>
          <Button
            type="button"
            size="sm"
            variant="outline"
            disabled={draft.holidays.length >= 366}
            aria-describedby={`${testId}-national-hint`}
            onClick={() => {
              const { holidays, added } = withNationalHolidays(draft.holidays, new Date());
              clearIssues();
              setDraft((d) => ({ ...d, holidays: holidays.slice(0, 366) }));
              toast.success(t.businessHours.nationalHolidaysAdded(added));
            }}
          >
            <Plus aria-hidden="true" />{t.businessHours.addNationalHolidays}
          </Button>
        </div>
        <p id={`${testId}-national-hint`} className="text-xs text-muted-foreground">{t.businessHours.nationalHolidaysHint}</p>
        {errors.holidays ? <p className="text-sm font-medium text-destructive" role="alert">{errors.holidays}</p> : null}
      </fieldset>

      <FormErrorAlert formError={formError} unplaced={leftover} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button type="submit" loading={save.isPending}>{t.businessHours.save}</Button>
        {onCancel ? <Button type="button" variant="outline" onClick={onCancel}>{t.businessHours.cancelOverride}</Button> : null}
      </div>
    </form>
  );
}

/** An interval's opening or closing time; an issue with the interval marks both and is read after either. */
function TimeInput({ label, issueId, value, onChange }: { label: string; issueId: string | undefined; value: string; onChange: (value: string) => void }) {
  return <Input type="time" className="w-32" aria-label={label} aria-invalid={issueId ? true : undefined} aria-describedby={issueId} value={value} onChange={(e) => onChange(e.target.value)} />;
}
