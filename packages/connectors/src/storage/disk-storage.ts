import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileStorage } from "@vendaflow/core/ports/storage";

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/**
 * Files on local disk (`.data/media` by default): the embedded adapter for `pnpm dev`, tests and
 * single-machine installs. Keys are `<tenantId>/<mediaId>` uuids; anything else is refused, so no
 * key can leave the root. Writes go to a temporary name first, then rename, so a reader never
 * sees half a file.
 */
export function diskStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new RangeError(`Invalid storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    kind: "disk",
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
