import { describe, expect, it } from "vitest";
import type { Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "./default-flow";
import { runBot } from "./engine";
import { messages } from "./messages";
import { NOW, reach, text, timeout } from "./test-driver";

const at = reach("authority");
const silence = (state = at.state, maxReminders?: number, flow: Flow = defaultBantFlow) =>
  runBot(flow, state, timeout(state.revision), NOW, maxReminders === undefined ? {} : { maxReminders });

describe("timeouts", () => {
  it("a current timeout sends a reminder, re-asks and reschedules", () => {
    const result = silence();
    expect(result.state).toEqual({ ...at.state, revision: at.state.revision + 1, reminderCount: 1 });
    expect(result.replies).toEqual([
      { kind: "text", text: messages.reminder },
      { kind: "question", stepId: "authority", text: "Você é responsável pela decisão de compra?", options: expect.any(Array) },
    ]);
    expect(result.effects).toEqual([{ kind: "schedule_timeout", stepId: "authority", revision: at.state.revision + 1, delaySeconds: 600 }]);
  });

  it("after maxReminders reminders hands off with reason timeout", () => {
    const first = silence(at.state, 3);
    const second = silence(first.state, 3);
    const third = silence(second.state, 3);
    expect(third.state.reminderCount).toBe(3);
    const fallback = silence(third.state, 3);
    expect(fallback.state).toMatchObject({ status: "handed_off", revision: third.state.revision + 1 });
    expect(fallback.effects).toEqual([{ kind: "handoff", reason: "timeout" }]);
    expect(fallback.replies).toEqual([{ kind: "text", text: messages.timeoutHandoff }]);
  });

  it("defaults to two reminders", () => {
    const second = silence(silence().state);
    expect(second.effects[0]?.kind).toBe("schedule_timeout");
    expect(silence(second.state).effects).toEqual([{ kind: "handoff", reason: "timeout" }]);
  });

  it("closes instead when the flow's fallback is close", () => {
    const flow: Flow = { ...defaultBantFlow, timeoutFallback: "close" };
    const result = silence(at.state, 0, flow);
    expect(result.state.status).toBe("completed");
    expect(result.effects).toEqual([{ kind: "close", reason: "timeout" }]);
    expect(result.replies).toEqual([{ kind: "text", text: messages.timeoutClose }]);
  });

  it.each([
    ["older", -1],
    ["newer", 1],
  ])("an %s revision is ignored entirely", (_, delta) => {
    const result = runBot(defaultBantFlow, at.state, timeout(at.state.revision + delta), NOW);
    expect(result.state).toBe(at.state);
    expect(result.replies).toEqual([]);
    expect(result.effects).toEqual([]);
  });

  it("the timeout scheduled before an answer is stale after it", () => {
    const answered = runBot(defaultBantFlow, at.state, text("1"), NOW);
    expect(runBot(defaultBantFlow, answered.state, timeout(at.state.revision), NOW).state).toBe(answered.state);
  });

  it("reminders and invalid answers are counted apart; a lead message resets reminders", () => {
    const invalid = runBot(defaultBantFlow, at.state, text("talvez"), NOW);
    const reminded = silence(invalid.state);
    expect(reminded.state).toMatchObject({ invalidCount: 1, reminderCount: 1 });
    const again = runBot(defaultBantFlow, reminded.state, text("talvez"), NOW);
    expect(again.state).toMatchObject({ invalidCount: 2, reminderCount: 0, status: "active" });
    // Two more silences still only remind: the reminder count started over.
    expect(silence(silence(again.state).state).state.status).toBe("active");
  });
});
