import { Type, type Static } from "@sinclair/typebox";
import { locales } from "../../metadata/locale.ts";

const uuid = Type.String({ format: "uuid" });
const person = {
  id: uuid,
  displayName: Type.String(),
  department: Type.Union([Type.Object({ id: uuid, name: Type.String() }), Type.Null()]),
};
const personSchema = Type.Object(person);

/** Why a user can or cannot see, change and delete a record: the answer of `GET /api/admin/access/why`. */
export const accessExplanationSchema = Type.Object({
  user: Type.Object({
    ...person,
    username: Type.String(),
    isAdmin: Type.Boolean(),
    isActive: Type.Boolean(),
  }),
  record: Type.Object({
    entity: Type.String(),
    id: uuid,
    title: Type.Union([Type.String(), Type.Null()]),
    owner: Type.Union([personSchema, Type.Null()]),
  }),
  visible: Type.Boolean(),
  canUpdate: Type.Boolean(),
  canDelete: Type.Boolean(),
  canManage: Type.Boolean({
    description:
      "May reassign, share and unshare it: the owner's and the role scope's right, never a sharee's.",
  }),
  reasons: Type.Array(
    Type.Composite(
      [
        Type.Object({ code: Type.String(), grants: Type.Boolean() }),
        Type.Record(Type.Union(locales.map((l) => Type.Literal(l))), Type.String()),
      ],
      { description: "One reason, as data and in the words of every locale." },
    ),
  ),
});

export type AccessExplanation = Static<typeof accessExplanationSchema>;
export type Reason = AccessExplanation["reasons"][number];
export type Person = Static<typeof personSchema>;
