import { isColumnDataType, OPERATORS, type OperationNode } from "kysely";
import { tr, type Text } from "../i18n/text.ts";
import { pureFunctions } from "./pure-functions.ts";

/** A statement a plugin may not run, with why, in the user's language. */
export class QueryWallError extends Error {
  constructor(
    readonly plugin: string,
    readonly reason: Text,
  ) {
    super(reason.toString());
  }
}

interface NodeLike {
  readonly kind: string;
  readonly [key: string]: unknown;
}

/** Admits a node of its kind, given the strings of it the compiler prints as they are. */
type NodeCheck = true | ((node: NodeLike) => boolean);

const operators = new Set<unknown>(OPERATORS);
const referentialActions = new Set<unknown>([
  undefined,
  "cascade",
  "set null",
  "set default",
  "restrict",
  "no action",
]);
const oneOf =
  (property: string, values: readonly unknown[]): NodeCheck =>
  (node) =>
    values.includes(node[property]);

/**
 * The node kinds a plugin's query may hold: Kysely's builder for selects,
 * inserts, updates and deletes, with CTEs, joins, window functions and
 * conflicts. Every other kind is refused, so that a node built by hand can
 * bring nothing the compiler would print unchecked; the strings it does
 * print as they are (operators, data types, set operations…) are checked
 * against what Kysely itself allows.
 */
const queryNodes: Readonly<Record<string, NodeCheck>> = {
  SelectQueryNode: (node) => node.explain === undefined,
  InsertQueryNode: true,
  UpdateQueryNode: true,
  DeleteQueryNode: true,
  SelectionNode: true,
  SelectAllNode: true,
  ReferenceNode: true,
  ColumnNode: true,
  IdentifierNode: true,
  TableNode: true,
  SchemableIdentifierNode: true,
  AliasNode: true,
  FromNode: true,
  JoinNode: oneOf("joinType", ["InnerJoin", "LeftJoin", "RightJoin", "FullJoin", "CrossJoin"]),
  OnNode: true,
  UsingNode: true,
  WhereNode: true,
  HavingNode: true,
  GroupByNode: true,
  GroupByItemNode: true,
  OrderByNode: true,
  OrderByItemNode: oneOf("nulls", [undefined, "first", "last"]),
  LimitNode: true,
  OffsetNode: true,
  ValueNode: true,
  ValueListNode: true,
  PrimitiveValueListNode: true,
  ValuesNode: true,
  TupleNode: true,
  ListNode: true,
  BinaryOperationNode: true,
  UnaryOperationNode: true,
  OperatorNode: (node) => operators.has(node.operator),
  AndNode: true,
  OrNode: true,
  ParensNode: true,
  FunctionNode: (node) => pureFunctions.has(String(node.func).toLowerCase()),
  AggregateFunctionNode: (node) => pureFunctions.has(String(node.func).toLowerCase()),
  OverNode: true,
  PartitionByNode: true,
  PartitionByItemNode: true,
  CastNode: true,
  DataTypeNode: (node) => isColumnDataType(String(node.dataType)),
  CaseNode: true,
  WhenNode: true,
  WithNode: true,
  CommonTableExpressionNode: true,
  CommonTableExpressionNameNode: true,
  ReturningNode: true,
  ColumnUpdateNode: true,
  OnConflictNode: true,
  DefaultInsertValueNode: true,
  SetOperationNode: oneOf("operator", ["union", "intersect", "except"]),
  SelectModifierNode: (node) =>
    node.rawModifier === undefined &&
    [
      "ForUpdate",
      "ForNoKeyUpdate",
      "ForShare",
      "ForKeyShare",
      "NoWait",
      "SkipLocked",
      "Distinct",
    ].includes(String(node.modifier)),
  // The builder writes a sort direction as text of its own: that much is no SQL of the plugin's.
  RawNode: (node) =>
    Array.isArray(node.sqlFragments) &&
    node.sqlFragments.length === 1 &&
    (node.sqlFragments[0] === "asc" || node.sqlFragments[0] === "desc"),
};

/** What a migration may hold besides: creating and altering its plugin's own tables and indexes. */
const migrationNodes: Readonly<Record<string, NodeCheck>> = {
  CreateTableNode: (node) =>
    node.temporary === undefined && node.onCommit === undefined && node.selectQuery === undefined,
  AlterTableNode: (node) => node.setSchema === undefined && node.renameTo === undefined,
  DropTableNode: (node) => node.cascade !== true,
  CreateIndexNode: true,
  ColumnDefinitionNode: true,
  AddColumnNode: true,
  AlterColumnNode: true,
  DropColumnNode: true,
  RenameColumnNode: true,
  AddConstraintNode: true,
  DropConstraintNode: (node) => node.modifier !== "cascade",
  GeneratedNode: true,
  DefaultValueNode: true,
  CheckConstraintNode: true,
  PrimaryKeyConstraintNode: true,
  UniqueConstraintNode: true,
  ForeignKeyConstraintNode: (node) =>
    referentialActions.has(node.onDelete) && referentialActions.has(node.onUpdate),
  ReferencesNode: (node) =>
    referentialActions.has(node.onDelete) && referentialActions.has(node.onUpdate),
};

const queryRoots = new Set([
  "SelectQueryNode",
  "InsertQueryNode",
  "UpdateQueryNode",
  "DeleteQueryNode",
]);
const migrationRoots = new Set([
  "CreateTableNode",
  "AlterTableNode",
  "CreateIndexNode",
  "DropTableNode",
]);

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

const nameOf = (identifier: unknown) => {
  const name = (identifier as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? name : "";
};

/** The name in a TableNode (`{table: {identifier: {name}}}`). */
const tableName = (node: unknown) =>
  nameOf(((node as NodeLike | undefined)?.table as NodeLike | undefined)?.identifier);

/** A plugin's own tables: `x_<plugin>_…`, so that two plugins never shape the same one. */
const ownTable = (table: string, plugin: string) =>
  table === `x_${plugin}` || table.startsWith(`x_${plugin}_`);

const sqlText = () =>
  tr("plugins build their statements with the query builder: SQL text is not available to them");

/**
 * Checks a statement of a plugin before it reaches the database: only
 * queries (and, in a migration, its own tables' shapes) made of the node
 * kinds the builder makes, only tables of the company's schema (or the
 * statement's own CTEs), only pure functions, no SQL text. The caller
 * compiles what it checked (company-db.ts), so that what runs is what
 * passed.
 */
export function checkStatement(
  root: OperationNode,
  scope: { schema: string; plugin: string; migration?: boolean },
): void {
  const refuse = (reason: Text): never => {
    throw new QueryWallError(scope.plugin, reason);
  };
  const migrating = scope.migration === true && migrationRoots.has(root.kind);
  if (!queryRoots.has(root.kind) && !migrating)
    refuse(
      root.kind === "RawNode"
        ? sqlText()
        : tr("a plugin may not run a {kind} statement", {
            kind: root.kind.replace(/Node$/, "").slice(0, 40),
          }),
    );
  const nodes = [...nodesOf(root)];
  if (migrating) {
    const target = tableName((root as unknown as NodeLike).table);
    if (!ownTable(target, scope.plugin))
      refuse(
        tr(
          'a plugin\'s migration shapes only its own tables, named "x_{plugin}_…": not "{table}"',
          {
            plugin: scope.plugin,
            table: target.slice(0, 63),
          },
        ),
      );
  }
  const ctes = checkCtes(nodes, refuse);
  // `c.name` names a FROM item (a table, an alias, a CTE), never a table of its own.
  const inReferences = new Set(
    nodes
      .filter((n) => n.kind === "ReferenceNode")
      .map((n) => (n.table as NodeLike | undefined)?.table),
  );
  for (const node of nodes) {
    const check = queryNodes[node.kind] ?? (migrating ? migrationNodes[node.kind] : undefined);
    if (check === undefined || (check !== true && !check(node)))
      refuse(
        node.kind === "RawNode"
          ? sqlText()
          : node.kind === "FunctionNode" || node.kind === "AggregateFunctionNode"
            ? tr('a plugin may not call the function "{name}"', {
                name: String(node.func).slice(0, 60),
              })
            : tr("a plugin's statement may not hold this {kind}", { kind: node.kind.slice(0, 40) }),
      );
    if (node.kind !== "SchemableIdentifierNode") continue;
    const schema = nameOf(node.schema);
    const name = nameOf(node.identifier);
    const outside =
      schema === "" ? !ctes.has(name) && !inReferences.has(node) : schema !== scope.schema;
    if (outside)
      refuse(
        tr('a plugin reaches only its company\'s tables: "{table}" is not one of them', {
          table: (schema === "" ? name : `${schema}.${name}`).slice(0, 130),
        }),
      );
  }
}

/**
 * The statement's CTE names, which its unqualified names may mean. A CTE may
 * not be named like a catalog relation (`pg_…`), and in a non-recursive WITH
 * its body may not name itself or a CTE after it: PostgreSQL then looks the
 * name up on the search path, where a CTE called `pg_stats` would read the
 * catalog's statistics of every company.
 */
function checkCtes(nodes: readonly NodeLike[], refuse: (reason: Text) => never): Set<string> {
  const names = new Set<string>();
  for (const withNode of nodes.filter((n) => n.kind === "WithNode")) {
    const ctes = (withNode.expressions as NodeLike[] | undefined) ?? [];
    const own = ctes.map((cte) => tableName((cte.name as NodeLike | undefined)?.table));
    own.forEach((name, i) => {
      if (name.startsWith("pg_"))
        refuse(
          tr("a plugin's CTE may not be named \"{name}\": names starting pg_ are the catalog's", {
            name: name.slice(0, 63),
          }),
        );
      names.add(name);
      if (withNode.recursive === true) return;
      const later = new Set(own.slice(i));
      for (const node of nodesOf(ctes[i]!.expression))
        if (
          node.kind === "SchemableIdentifierNode" &&
          node.schema === undefined &&
          later.has(nameOf(node.identifier))
        )
          refuse(
            tr('the CTE "{name}" names itself or a later CTE without WITH RECURSIVE', {
              name: name.slice(0, 63),
            }),
          );
    });
  }
  return names;
}
