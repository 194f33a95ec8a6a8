/**
 * Names of an entity's components and operations. Entity keys are lower
 * snake case, so the capitalised suffixes never collide with another
 * entity's schema nor with the shared components (`Error`, …).
 *
 * @example
 * entitySchemaNames("sales_order").create; // "sales_orderCreate"
 * operationName("list", "sales_order"); // "listSalesOrder"
 */
export function entitySchemaNames(entity: string) {
  return {
    record: entity,
    create: `${entity}Create`,
    patch: `${entity}Patch`,
    list: `${entity}List`,
    filter: `${entity}Filter`,
    condition: `${entity}Condition`,
  };
}

/** `sales_order` → `SalesOrder`; a doubled `_` keeps one, so that distinct keys give distinct names. */
export function pascalCase(key: string): string {
  return key
    .split("_")
    .map((part) => (part === "" ? "_" : part[0]!.toUpperCase() + part.slice(1)))
    .join("");
}

export const operationName = (verb: string, entity: string) => `${verb}${pascalCase(entity)}`;

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
export const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
