import { Type, type TSchema } from "@sinclair/typebox";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { tr } from "../i18n/text.ts";
import { withProblemText } from "./problem-text.ts";

/**
 * Schemas many routes share, declared once: an id, an id in the path, a
 * list's answer, the metadata version a change answers with.
 */

/** An id as the engine makes them (a lower-case UUID); `what` names it in the document. */
export const idSchema = (description: string) =>
  withProblemText(Type.String({ format: "uuid", pattern: `^${uuidSource}$`, description }), () =>
    tr("must be an id (a lower-case UUID)"),
  );

/** An id, or null to clear a reference. */
export const nullableId = (description: string) =>
  Type.Union([idSchema(description), Type.Null()], { description });

/** The `:id` of a route: `/:id{uuid}` in its path, so that other words never match it. */
export const idPath = `/:id{${uuidSource}}`;

/** The params of a route under `idPath`. */
export const idParams = (description: string) => Type.Object({ id: idSchema(description) });

/** `{items: [...]}`, how lists answer. */
export const itemsOf = <S extends TSchema>(item: S, description?: string) =>
  Type.Object({ items: Type.Array(item, description ? { description } : {}) });

/** The company's metadata version after a change (also X-Meta-Version). */
export const metaVersionSchema = Type.String({
  description: "The company's metadata version after the change.",
});
