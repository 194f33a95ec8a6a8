import type { OperationNode } from "kysely";
import { tr, type Text } from "../i18n/text.ts";

/** A statement a plugin may not run, with why, in the user's language. */
export class QueryWallError extends Error {
  constructor(
    readonly plugin: string,
    readonly reason: Text,
  ) {
    super(reason.toString());
  }
}

/**
 * What a plugin's statements may call: pure functions of their arguments.
 * Anything else could run SQL text (`query_to_xml`), read files or change
 * the session (`set_config`), and so step around the schema check.
 */
const allowedFunctions = new Set([
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "bool_and",
  "bool_or",
  "array_agg",
  "string_agg",
  "json_agg",
  "jsonb_agg",
  "jsonb_object_agg",
  "coalesce",
  "nullif",
  "greatest",
  "least",
  "lower",
  "upper",
  "trim",
  "length",
  "char_length",
  "substring",
  "left",
  "right",
  "replace",
  "split_part",
  "starts_with",
  "position",
  "concat",
  "concat_ws",
  "abs",
  "round",
  "ceil",
  "floor",
  "trunc",
  "mod",
  "now",
  "date_trunc",
  "date_part",
  "to_char",
  "json_build_object",
  "jsonb_build_object",
  "jsonb_build_array",
  "to_jsonb",
  "array_length",
  "gen_random_uuid",
]);

const queryKinds = new Set([
  "SelectQueryNode",
  "InsertQueryNode",
  "UpdateQueryNode",
  "DeleteQueryNode",
  "MergeQueryNode",
]);

/** What a migration may do besides: shape its plugin's own tables. */
const migrationKinds = new Set([
  "CreateTableNode",
  "AlterTableNode",
  "CreateIndexNode",
  "DropTableNode",
]);

interface NodeLike {
  readonly kind: string;
  readonly [key: string]: unknown;
}

const isNode = (value: unknown): value is NodeLike =>
  typeof value === "object" && value !== null && typeof (value as NodeLike).kind === "string";

/** Each node of a statement's tree, depth first. */
function* nodesOf(node: unknown): Generator<NodeLike> {
  if (Array.isArray(node)) {
    for (const item of node) yield* nodesOf(item);
    return;
  }
  if (!isNode(node)) return;
  yield node;
  for (const value of Object.values(node)) if (typeof value === "object") yield* nodesOf(value);
}

const nameOf = (identifier: unknown) => (identifier as { name?: unknown } | undefined)?.name;

/** The name in a TableNode (`{table: {identifier: {name}}}`). */
const tableName = (node: unknown) =>
  String(nameOf(((node as NodeLike | undefined)?.table as NodeLike | undefined)?.identifier));

/**
 * Checks a statement of a plugin before it reaches the database: only
 * queries (and, in a migration, its own tables' shapes), only tables of the
 * company's schema (or the statement's own CTEs), only pure functions, and
 * no SQL text. Checked on the compiled statement's tree, which every way of
 * running one goes through (a builder without its plugins, a compiled query),
 * so that nothing a plugin builds can name another company's tables.
 */
export function checkStatement(
  root: OperationNode,
  scope: { schema: string; plugin: string; migration?: boolean },
): void {
  const refuse = (reason: Text) => {
    throw new QueryWallError(scope.plugin, reason);
  };
  const allowedRoot =
    queryKinds.has(root.kind) || (scope.migration && migrationKinds.has(root.kind));
  if (!allowedRoot)
    refuse(
      root.kind === "RawNode"
        ? tr(
            "plugins build their statements with the query builder: SQL text is not available to them",
          )
        : tr("a plugin may not run a {kind} statement", { kind: root.kind.replace(/Node$/, "") }),
    );
  const nodes = [...nodesOf(root)];
  const ctes = new Set(
    nodes.filter((n) => n.kind === "CommonTableExpressionNameNode").map((n) => tableName(n.table)),
  );
  // `c.name` names a FROM item (a table, an alias, a CTE), never a table of its own.
  const inReferences = new Set(
    nodes
      .filter((n) => n.kind === "ReferenceNode")
      .map((n) => (n.table as NodeLike | undefined)?.table),
  );
  if (migrationKinds.has(root.kind)) {
    const target = tableName((root as unknown as NodeLike).table);
    if (!ownTable(target, scope.plugin))
      refuse(
        tr(
          'a plugin\'s migration shapes only its own tables, named "x_{plugin}_…": not "{table}"',
          {
            plugin: scope.plugin,
            table: target,
          },
        ),
      );
  }
  for (const node of nodes) {
    switch (node.kind) {
      case "RawNode":
        // The builder writes a sort direction as text of its own: that much is no SQL of the plugin's.
        if (isDirection(node)) break;
        refuse(
          tr(
            "plugins build their statements with the query builder: SQL text is not available to them",
          ),
        );
        break;
      case "SchemableIdentifierNode": {
        const schema = nameOf(node.schema);
        const name = String(nameOf(node.identifier));
        const outside =
          schema === undefined
            ? !ctes.has(name) && !inReferences.has(node)
            : schema !== scope.schema;
        if (outside)
          refuse(
            tr('a plugin reaches only its company\'s tables: "{table}" is not one of them', {
              table: schema === undefined ? name : `${String(schema)}.${name}`,
            }),
          );
        break;
      }
      case "FunctionNode":
      case "AggregateFunctionNode": {
        const name = String(node.func).toLowerCase();
        if (!allowedFunctions.has(name))
          refuse(tr('a plugin may not call the function "{name}"', { name: name.slice(0, 60) }));
        break;
      }
    }
  }
}

const isDirection = (node: NodeLike) =>
  Array.isArray(node.sqlFragments) &&
  node.sqlFragments.length === 1 &&
  (node.sqlFragments[0] === "asc" || node.sqlFragments[0] === "desc");

/** A plugin's own tables: `x_<plugin>_…`, so that two plugins never shape the same one. */
const ownTable = (table: string, plugin: string) =>
  table === `x_${plugin}` || table.startsWith(`x_${plugin}_`);
