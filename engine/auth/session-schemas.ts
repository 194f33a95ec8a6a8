import { Type } from "@sinclair/typebox";
import { namedSchema } from "../http/named-schema.ts";

/** The session's user, as `me` answers it. */
export const sessionUserSchema = namedSchema(
  "SessionUser",
  Type.Object({
    id: Type.String({ format: "uuid" }),
    username: Type.String(),
    displayName: Type.String(),
    isAdmin: Type.Boolean({ description: "A company admin may change metadata." }),
  }),
);

/** The answer that opens a session carries its cookie. */
export const sessionCookieHeader = {
  "Set-Cookie": {
    description: "The session cookie (`sid` or `__Host-sid`), HttpOnly and SameSite=Lax.",
    schema: Type.String(),
  },
};
