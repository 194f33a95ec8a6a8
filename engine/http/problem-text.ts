import type { TSchema } from "@sinclair/typebox";
import type { Text } from "../i18n/text.ts";

const textKey = Symbol("problem text");

type ProblemText = (value: unknown) => Text;

/**
 * A schema whose failures the request validator words itself (`must be a
 * user id`), where ajv's general words would say less (`must match pattern
 * "^[0-9a-f]{8}-…"`). The text gets the value refused.
 *
 * @example
 * user: withProblemText(Type.String({ pattern }), () => tr("must be a user id"))
 */
export const withProblemText = <S extends TSchema>(schema: S, text: ProblemText): S => ({
  ...schema,
  [textKey]: text,
});

/** The schema's own wording of a failure, if it has one. */
export const problemTextOf = (schema: unknown): ProblemText | undefined =>
  schema && typeof schema === "object"
    ? (schema as { [textKey]?: ProblemText })[textKey]
    : undefined;
