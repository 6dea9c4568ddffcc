import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskStorage } from "./disk-storage";

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

describe("disk storage", () => {
  it("stores, reads back, deletes; a missing key reads null", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "vf-media-"));
    roots.push(root);
    const s = diskStorage(root);
    const key = `${randomUUID()}/${randomUUID()}`;
    await s.put(key, new Uint8Array([1, 2, 3]), "image/png");
    expect(await s.get(key)).toEqual(new Uint8Array([1, 2, 3]));
    // No temporary file is left behind.
    expect(await readdir(path.join(root, key.split("/")[0]!))).toEqual([key.split("/")[1]]);
    await s.delete(key);
    expect(await s.get(key)).toBeNull();
  });

  it("refuses keys that are not <uuid>/<uuid>, so nothing escapes the root", async () => {
    const s = diskStorage("/tmp/never-used");
    await expect(s.put("../etc/passwd", new Uint8Array(), "text/plain")).rejects.toThrow(RangeError);
    await expect(s.get(`${randomUUID()}/../../x`)).rejects.toThrow(RangeError);
  });
});
