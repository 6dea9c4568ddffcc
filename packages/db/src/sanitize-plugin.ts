import { OperationNodeTransformer, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type PrimitiveValueListNode, type QueryResult, type RootOperationNode, type UnknownRow, type ValueNode } from "kysely";
import { sanitizeForPostgres } from "@vendaflow/validators/sanitize";

class SanitizeValues extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...super.transformValue(node), value: sanitizeForPostgres(node.value) };
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...super.transformPrimitiveValueList(node), values: node.values.map(sanitizeForPostgres) };
  }
}

/**
 * Every bound parameter of every query (builder values, `sql` template values, jsonb objects) is
 * cleaned of what Postgres refuses (NUL, lone surrogates) before it is sent: one gate for all
 * writes and lookups, so odd input is stored without those characters instead of failing as a 500.
 */
export class SanitizePlugin implements KyselyPlugin {
  private readonly transformer = new SanitizeValues();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
