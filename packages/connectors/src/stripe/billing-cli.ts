import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { billingPeriod } from "@vendaflow/core/billing/period";
import { reconcileUsage } from "@vendaflow/core/billing/reconcile";
import { reportUsage } from "@vendaflow/core/billing/usage-report";
import { resolveDatabase } from "@vendaflow/core/cli/database";
import { createDb } from "@vendaflow/db/create-db";
import { memoryStore } from "../upstash/memory-store";
import { upstashStore } from "../upstash/upstash-store";
import { stripePayments } from "./stripe-payments";

/**
 * `pnpm billing:sync`      create/update Stripe meters, products and prices (idempotent) and store their ids
 * `pnpm billing:report`    run the usage report job once
 * `pnpm billing:reconcile [YYYY-MM]`  ledger vs quota totals vs Redis vs Stripe acknowledgements, differences only
 * Reads STRIPE_SECRET_KEY (and STRIPE_API_BASE), UPSTASH_REDIS_REST_URL/TOKEN, DATABASE_URL.
 */
async function main() {
  const [command, arg] = process.argv.slice(2);
  const env = process.env;
  if (!env.STRIPE_SECRET_KEY && command !== "reconcile") throw new Error("set STRIPE_SECRET_KEY");
  const d = await resolveDatabase();
  const { db, close } = createDb({ url: d.appUrl, max: 2 });
  const payments = stripePayments({ secretKey: env.STRIPE_SECRET_KEY ?? "", apiBase: env.STRIPE_API_BASE || undefined });
  try {
    if (command === "sync") {
      const r = await syncCatalog({ db, payments });
      for (const m of r.meters) console.log(`meter ${m.name} → ${m.stripeMeterId}${m.stripePriceId ? ` price ${m.stripePriceId}` : ""}`);
      for (const p of r.plans) console.log(`plan ${p.code} → ${p.productId} month ${p.monthlyPriceId} year ${p.yearlyPriceId} overage ${p.overagePriceId ?? "-"}`);
    } else if (command === "report") {
      console.log(JSON.stringify(await reportUsage({ db, payments, now: () => new Date() })));
    } else if (command === "reconcile") {
      const counters = env.UPSTASH_REDIS_REST_URL ? upstashStore(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN ?? "") : memoryStore();
      // With Stripe keys, Stripe's own meter figures join the comparison.
      const r = await reconcileUsage({ db, counters, ...(env.STRIPE_SECRET_KEY ? { payments } : {}) }, arg ?? billingPeriod(new Date()));
      console.log(`checked ${r.checked} tenant meters; ${r.differences.length} differ`);
      for (const x of r.differences) console.log(`${x.tenantId} ${x.meter} ${x.period}: ledger ${x.ledger} totals ${x.totals} redis ${x.redis} stripe-acked ${x.stripeAcknowledged} pending ${x.pending} stripe-meter ${x.stripe ?? "-"}`);
      if (r.differences.length) process.exitCode = 2;
    } else {
      throw new Error(`unknown command ${command ?? ""}: use sync | report | reconcile [YYYY-MM]`);
    }
  } finally {
    await close();
    await d.stop();
  }
}

main().catch((err) => {
  console.error(`[vf-billing] ${(err as Error).message}`);
  process.exit(1);
});
