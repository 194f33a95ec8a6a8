import { Type } from "@sinclair/typebox";
import { namedSchema } from "../http/named-schema.ts";
import { stringEnum } from "../http/string-enum.ts";
import { locales } from "../metadata/metadata-types.ts";

const companySettings = namedSchema(
  "CompanySettings",
  Type.Object(
    {
      timezone: Type.String({ examples: ["Asia/Shanghai"] }),
      currency: Type.String({ pattern: "^[A-Z]{3}$", examples: ["CNY"] }),
      currencyDecimals: Type.Integer({ minimum: 0, maximum: 4 }),
      language: stringEnum(locales),
    },
    { description: "Settings fixed when the company was created." },
  ),
);

/** The company a session or a login is in. */
export const companySchema = namedSchema(
  "Company",
  Type.Object({ slug: Type.String(), name: Type.String(), settings: companySettings }),
);

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
