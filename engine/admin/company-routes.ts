import { createHash } from "node:crypto";
import { Type, type TSchema } from "@sinclair/typebox";
import { companyLogoTable } from "../companies/company-logo-table.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import { systemTables } from "../db/system-tables.ts";
import { ApiError } from "../http/api-error.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import type { Routes } from "../http/routes.ts";
import { tr } from "../i18n/text.ts";
import { companyView } from "../meta/meta-view.ts";
import { metaSchemaFiles } from "../metadata/meta-schema-files.ts";
import type { CompanyInfo } from "../../metadata/types.gen.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { imageType } from "./image-type.ts";
import { writeOverlay } from "./overlay-writer.ts";

const tags = ["admin"];
/** A logo is printed small: half a megabyte is plenty, and keeps every answer that carries it light. */
export const maxLogoBytes = 512 * 1024;
const maxLogoBase64 = Math.ceil(maxLogoBytes / 3) * 4;

const infoProperties = (
  metaSchemaFiles().get("overlay")!.properties as Record<string, { properties: object }>
).companyInfo!.properties as Record<string, TSchema>;
const { logo: _logo, ...textProperties } = infoProperties;

/** A change of company information: each property set, or null to clear it. */
const infoChange = Type.Unsafe<Partial<Record<keyof CompanyInfo, string | null>>>({
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: Object.fromEntries(
    Object.entries(textProperties).map(([k, s]) => [k, { anyOf: [s, { type: "null" }] }]),
  ),
});

const nullable = Type.Union([Type.String(), Type.Null()]);
const companyState = Type.Object({
  name: Type.String({ description: "As documents show it; the registry's name when not set." }),
  address: nullable,
  taxNumber: nullable,
  bankName: nullable,
  bankAccount: nullable,
  phone: nullable,
  currency: Type.String({ description: "ISO 4217 code of the company's amounts." }),
  currencySymbol: nullable,
  currencyDecimals: Type.Integer(),
  decimalsNote: Type.String({ description: "Why the decimals cannot be changed here." }),
  logo: Type.Union([Type.String({ description: "The logo's URL." }), Type.Null()]),
});

/**
 * Company information (Y2, Y9): how the company's documents name it, its
 * address, tax and bank details, phone, logo and currency. The details are
 * the overlay's `companyInfo`, so each change is a metadata version like any
 * other (audited, live on the next request, undone by rollback); the logo's
 * bytes are kept apart by hash (`sys_company_logo`).
 */
export function companyRoutes(routes: Routes, deps: CoreDeps) {
  const state = (company: CompanyContext, meta: EffectiveMetadata) => {
    const view = companyView(company, meta);
    const info = meta.companyInfo;
    return {
      name: view.name,
      address: info?.address ?? null,
      taxNumber: info?.taxNumber ?? null,
      bankName: info?.bankName ?? null,
      bankAccount: info?.bankAccount ?? null,
      phone: info?.phone ?? null,
      currency: view.settings.currency,
      currencySymbol: info?.currencySymbol ?? null,
      currencyDecimals: company.settings.currencyDecimals,
      decimalsNote: tr(
        "Decimals are fixed when the company is created: every amount column is stored with that many, and changing them would rewrite every table holding amounts.",
      ),
      logo: view.logo ?? null,
    };
  };
  const changed = (company: CompanyContext, meta: EffectiveMetadata) => ({
    company: state(company, meta),
    metaVersion: meta.hash.slice(0, 16),
  });

  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "getCompanyInfo",
      summary: "The company's information, currency and logo",
      tags,
      responses: { 200: { description: "Unset details are null.", schema: companyState } },
      errors: [503],
    },
    (c) => c.json(state(c.var.company, c.var.company.meta)),
  );

  routes.route(
    "PATCH",
    "",
    {
      policy: "admin",
      operationId: "changeCompanyInfo",
      summary: "Change some of the company's information (null clears one)",
      description:
        "A metadata version: audited, live from the next request on, undone by rollback.",
      tags,
      body: infoChange,
      responses: {
        200: {
          description: "The information after the change.",
          schema: Type.Object({ company: companyState, metaVersion: metaVersionSchema }),
        },
      },
      errors: [409, 503],
    },
    async (c, { body }) => {
      const names = Object.keys(body).join(", ");
      const meta = await writeOverlay(deps, c, `change company information: ${names}`, (o) => {
        const info: Record<string, string> = { ...o.companyInfo };
        for (const [key, value] of Object.entries(body)) {
          if (value === null) delete info[key];
          else info[key] = value;
        }
        o.companyInfo = info;
        return o;
      });
      return c.json(changed(c.var.company, meta));
    },
  );

  routes.route(
    "PUT",
    "/logo",
    {
      policy: "admin",
      operationId: "setCompanyLogo",
      summary: "Set the company's logo: a PNG, JPEG or WebP image of at most 512 KB",
      description: "The image's bytes in base64. Its type is read from the bytes themselves.",
      tags,
      body: Type.Object(
        {
          image: Type.String({
            minLength: 4,
            maxLength: maxLogoBase64,
            pattern: "^[A-Za-z0-9+/]+={0,2}$",
            description: "The image file, base64-encoded.",
          }),
        },
        { additionalProperties: false },
      ),
      responses: {
        200: {
          description: "The information with the new logo.",
          schema: Type.Object({ company: companyState, metaVersion: metaVersionSchema }),
        },
      },
      errors: [409, 503],
    },
    async (c, { body }) => {
      const bytes = new Uint8Array(Buffer.from(body.image, "base64"));
      const refuse = (message: ReturnType<typeof tr>) =>
        ApiError.invalidRequest([{ field: "image", rule: "image", message }]);
      if (bytes.length > maxLogoBytes)
        throw refuse(
          tr("the image is {size} KB; a logo may be at most {max} KB", {
            size: Math.ceil(bytes.length / 1024),
            max: maxLogoBytes / 1024,
          }),
        );
      const type = imageType(bytes);
      if (!type) throw refuse(tr("the file is not a PNG, JPEG or WebP image"));
      const hash = createHash("sha256").update(bytes).digest("hex");
      const meta = await writeOverlay(deps, c, "change company logo", async (o, tx) => {
        await systemTables(tx, c.var.company.schema)
          .insertInto(companyLogoTable)
          .values({ hash, content_type: type, bytes, created_at: deps.now() })
          .onConflict((oc) => oc.column("hash").doNothing())
          .execute();
        o.companyInfo = { ...o.companyInfo, logo: hash };
        return o;
      });
      return c.json(changed(c.var.company, meta));
    },
  );

  routes.route(
    "DELETE",
    "/logo",
    {
      policy: "admin",
      operationId: "removeCompanyLogo",
      summary:
        "Take the company's logo away (an earlier version's logo comes back with a rollback)",
      tags,
      responses: {
        200: {
          description: "The information without a logo.",
          schema: Type.Object({ company: companyState, metaVersion: metaVersionSchema }),
        },
      },
      errors: [409, 503],
    },
    async (c) => {
      const meta = await writeOverlay(deps, c, "remove company logo", (o) => {
        const { logo: _gone, ...rest } = o.companyInfo ?? {};
        o.companyInfo = rest;
        return o;
      });
      return c.json(changed(c.var.company, meta));
    },
  );
}

/** `GET /api/company/logo/:hash`: a logo of the session's company, for its screens and documents. */
export function companyLogoRoutes(routes: Routes, deps: CoreDeps) {
  routes.route(
    "GET",
    "/logo/:hash",
    {
      policy: "session",
      operationId: "getCompanyLogo",
      summary: "A logo image of the company, by its hash",
      tags: ["company"],
      params: Type.Object({ hash: Type.String({ pattern: "^[0-9a-f]{64}$" }) }),
      responses: {
        200: {
          description: "The image; it never changes under its hash.",
          content: {
            "image/png": Type.String({ contentEncoding: "binary" }),
            "image/jpeg": Type.String({ contentEncoding: "binary" }),
            "image/webp": Type.String({ contentEncoding: "binary" }),
          },
        },
      },
      errors: [404, 503],
    },
    async (c, { params: { hash } }) => {
      const row = await systemTables(deps.database.db, c.var.company.schema)
        .selectFrom(companyLogoTable)
        .select(["content_type", "bytes"])
        .where("hash", "=", hash)
        .executeTakeFirst();
      if (!row) throw ApiError.notFound(tr("no such logo"));
      return c.body(new Uint8Array(row.bytes), 200, {
        "content-type": row.content_type,
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      });
    },
  );
}
