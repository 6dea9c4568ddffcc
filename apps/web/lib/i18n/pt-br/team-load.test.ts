import { describe, expect, it } from "vitest";
import { teamLoad } from "./team-load";

describe("team load's strings", () => {
  it("says the queue's longest wait in minutes, hours or days", () => {
    expect(teamLoad.waitedFor(0)).toBe("há menos de 1 min");
    expect(teamLoad.waitedFor(12)).toBe("há 12 min");
    expect(teamLoad.waitedFor(60)).toBe("há 1 h");
    expect(teamLoad.waitedFor(125)).toBe("há 2 h 5 min");
    expect(teamLoad.waitedFor(1440)).toBe("há 1 dia");
    expect(teamLoad.waitedFor(3 * 1440 + 7)).toBe("há 3 dias");
  });

  it("warns about a deactivated person's conversations in the singular and the plural", () => {
    expect(teamLoad.inactive.line("Davi", 1)).toBe("Davi (desativado) ainda tem 1 conversa em aberto: ninguém vai responder.");
    expect(teamLoad.inactive.line("Davi", 2)).toBe("Davi (desativado) ainda tem 2 conversas em aberto: ninguém vai responder.");
  });

  it("says where a bulk move sends the conversations, in the singular and the plural", () => {
    expect(teamLoad.reassign.submit(1)).toBe("Mover 1 conversa");
    expect(teamLoad.reassign.summaryQueue(2, "Ana")).toBe("As 2 conversas de Ana voltam para a fila e são entregues a quem puder atender, nunca a Ana.");
    expect(teamLoad.reassign.summaryTo(1, "Ana", "Rita")).toBe("A conversa de Ana passa para Rita, mesmo acima da capacidade.");
    expect(teamLoad.reassign.movedToQueue(3, 1)).toBe("3 conversas voltaram para a fila; 1 já foi atribuída a outro agente.");
    expect(teamLoad.reassign.movedTo(2, "Rita")).toBe("2 conversas foram atribuídas a Rita.");
  });
});
