#!/usr/bin/env node
// Billing commands need the Stripe adapter, which core may not import: they live beside it.
import { register } from "tsx/esm/api";
register();
await import("../src/stripe/billing-cli.ts");
