import { Type } from "@sinclair/typebox";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { namedSchema } from "../http/named-schema.ts";
import { stringEnum } from "../http/string-enum.ts";

const id = Type.String({ format: "uuid" });
const givenId = Type.String({ format: "uuid", pattern: `^${uuidSource}$` });
const shareAccess = stringEnum(["read", "edit"] as const);

/** A share as the API answers it. */
export const shareSchema = namedSchema(
  "Share",
  Type.Object(
    {
      id,
      user: Type.Union([Type.Object({ id, displayName: Type.String() }), Type.Null()]),
      department: Type.Union([Type.Object({ id, name: Type.String() }), Type.Null()]),
      access: shareAccess,
      subDepartments: Type.Boolean({
        description: "A department share that also reaches every department below it.",
      }),
      createdAt: Type.String({ format: "date-time" }),
    },
    { description: "A record shared with one user or one department, to read or to edit." },
  ),
);

/** Whom to share with, and how; one of `user` and `department` (checked apart: see oneTarget). */
export const shareTargetFields = {
  user: Type.Optional(givenId),
  department: Type.Optional(givenId),
  access: shareAccess,
  subDepartments: Type.Optional(
    Type.Boolean({
      default: false,
      description: "With `department` only: the share also reaches every department below it.",
    }),
  ),
};

/** The body of a share. */
export const shareRequestSchema = namedSchema(
  "ShareRequest",
  Type.Object(shareTargetFields, {
    additionalProperties: false,
    description:
      "Either `user` or `department`. Sharing again with the same one changes the access (and the reach).",
  }),
);
