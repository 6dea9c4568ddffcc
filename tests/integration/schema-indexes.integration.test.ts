import { afterAll, describe, expect, it } from "vitest";
import { closeOwner, owner } from "../support/fixtures";

// A second index with the same columns in the same order (or the exact reverse order, which a
// btree reads backwards) and the same predicate only costs writes: every insert, and every update
// that is not HOT, adds an entry to both (db/migrations/0142_duplicate_indexes.sql).

afterAll(closeOwner);

describe("indexes of the migrated schema", () => {
  it("no table has two btree indexes that one scan direction or the other makes the same", async () => {
    const { rows } = await owner().query<{ tbl: string; a: string; b: string }>(`
      with ix as (
        select i.indexrelid, i.indrelid, i.indkey::text as cols, i.indclass::text as ops, i.indcollation::text as coll,
               coalesce(pg_get_expr(i.indexprs, i.indrelid), '') as exprs, coalesce(pg_get_expr(i.indpred, i.indrelid), '') as pred,
               i.indoption::int2[] as opt, i.indnkeyatts as nkey, i.indnatts as natts
          from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
          join pg_namespace n on n.oid = c.relnamespace
         where am.amname = 'btree' and n.nspname = 'public'
      )
      select a.indrelid::regclass::text as tbl, a.indexrelid::regclass::text as a, b.indexrelid::regclass::text as b
        from ix a join ix b on a.indrelid = b.indrelid and a.indexrelid < b.indexrelid
       where a.cols = b.cols and a.ops = b.ops and a.coll = b.coll and a.exprs = b.exprs and a.pred = b.pred
         and a.nkey = b.nkey and a.natts = b.natts
         -- the same sort options on every key column, or every one flipped (DESC and NULLS FIRST: both bits)
         and (a.opt = b.opt or (select bool_and((x # y) = 3) from unnest(a.opt, b.opt) as u(x, y)))
       order by 1, 2`);
    expect(rows).toEqual([]);
  });
});
