import { Type } from "@sinclair/typebox";
import { namedSchema } from "../http/named-schema.ts";
import { stringEnum } from "../http/string-enum.ts";
import { locales } from "../../metadata/locale.ts";

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

/** A company as the API shows it: a session's, a login's, the metadata view's. */
export const companySchema = namedSchema(
  "Company",
  Type.Object({ slug: Type.String(), name: Type.String(), settings: companySettings }),
);
