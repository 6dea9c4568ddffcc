import { createCaller } from "@vendaflow/api/root";
import { headers } from "next/headers";
import { cache } from "react";
import { apiContextFrom } from "@/lib/server/api-context";

/** Server components call procedures directly, with the same context as HTTP callers. */
export const serverApi = cache(async () => createCaller(await apiContextFrom(await headers())));
