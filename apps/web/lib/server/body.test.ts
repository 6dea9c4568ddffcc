import { describe, expect, it } from "vitest";
import { boundedRequest, readBody } from "./body";
import { HttpError } from "./http";

const streamOf = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
      c.close();
    },
  });

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://x/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function status(p: Promise<unknown>) {
  try {
    await p;
    return 200;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    expect(await err.response.clone().json()).toMatchObject({ error: "payload_too_large", message: expect.stringContaining("grande demais") });
    return err.response.status;
  }
}

describe("readBody", () => {
  it("reads a body up to the limit, byte for byte (UTF-8 counts bytes, not characters)", async () => {
    expect(await readBody(post("é".repeat(5)), 10)).toBe("é".repeat(5));
    expect(await status(readBody(post("é".repeat(6)), 10))).toBe(413);
  });
  it("refuses a declared Content-Length over the limit without keeping it; a sender that goes silent is answered after 1 s", async () => {
    // A body that never arrives: only the header can have decided, and the drain gives up on it.
    const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const t0 = performance.now();
    expect(await status(readBody(post(never, { "content-length": "11" }), 10))).toBe(413);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
  it("reads a refused body to its end before answering, so the sender gets the 413 (up to 10 MB)", async () => {
    let pulled = 0;
    const chunks = ["12345", "67890", "1", "2", "3"];
    const body = new ReadableStream<Uint8Array>({ pull: (c) => (pulled < chunks.length ? c.enqueue(new TextEncoder().encode(chunks[pulled++]!)) : c.close()) });
    expect(await status(readBody(post(body), 10))).toBe(413);
    expect(pulled).toBe(chunks.length);
  });
  it("stops a chunked body as soon as it passes the limit", async () => {
    expect(await status(readBody(post(streamOf(["12345", "67890", "1"])), 10))).toBe(413);
    expect(await readBody(post(streamOf(["12345", "67890"])), 10)).toBe("1234567890");
  });
  it("an empty body is empty", async () => {
    expect(await readBody(new Request("http://x/api", { method: "POST" }), 10)).toBe("");
  });
  it("boundedRequest hands on the same body, and GET untouched", async () => {
    const r = await boundedRequest(post("abc", { "content-type": "text/plain" }), 10);
    expect(await r.text()).toBe("abc");
    expect(r.headers.get("content-type")).toBe("text/plain");
    const g = new Request("http://x/api?input=1");
    expect(await boundedRequest(g, 1)).toBe(g);
    expect(await status(boundedRequest(post("x".repeat(11)), 10))).toBe(413);
  });
});
