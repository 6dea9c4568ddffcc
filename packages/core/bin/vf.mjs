#!/usr/bin/env node
// The vf CLI is TypeScript; tsx's loader lets it run without a build step.
import { register } from "tsx/esm/api";
register();
await import("../src/cli/main.ts");
