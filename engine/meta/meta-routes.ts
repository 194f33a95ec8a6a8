import { Type } from "@sinclair/typebox";
import { documentedFrom } from "../http/documented-from.ts";
import { componentRef } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { entityView, metaView, metaVersion } from "./meta-view.ts";
import { pluginScreens } from "./plugin-screens.ts";
import { serveFieldTypes, serveValidators } from "./validator-routes.ts";

const tags = ["meta"];

/**
 * The effective metadata of the session's company, as the UI and API clients
 * read it; `actions` are the installed modules' permission actions.
 */
export function metaRoutes(routes: Routes, deps: ModuleDeps) {
  const actions = deps.modules.actionKeys;
  routes.route(
    "GET",
    "",
    {
      policy: "session",
      operationId: "getMeta",
      summary:
        "The company's effective metadata: modules, menus, every entity, and the plugins whose screens to load",
      tags,
      responses: {
        200: {
          description: "Hidden fields are left out.",
          schema: componentRef("MetaView"),
        },
      },
      errors: [503],
    },
    (c) =>
      c.json(metaView(c.var.company, actions, pluginScreens(deps.modules, c.var.company)), 200, {
        "X-Meta-Version": metaVersion(c.var.company),
      }),
  );
  routes.route(
    "GET",
    "/validators.js",
    {
      policy: "session",
      operationId: "getValidators",
      summary:
        "The record validators of your metadata as a precompiled ES module (ajv standalone code)",
      description:
        "`export default function (formats, require)` returning one validate function per entity, built from the payload schemas the server validates with. Ask with `?v=<X-Meta-Version>`: that version is cached as immutable.",
      tags,
      query: Type.Object({
        v: Type.Optional(Type.String({ description: "The metadata version the module is for." })),
      }),
      responses: {
        200: { description: "The module.", content: { "text/javascript": Type.String() } },
      },
      errors: [503],
    },
    (c, { query }) => serveValidators(c, query.v),
  );
  routes.route(
    "GET",
    "/field-types",
    {
      policy: "session",
      operationId: "getFieldTypes",
      summary: "Each field type's filter operators, default widget, sorting and references",
      tags,
      responses: {
        200: {
          description: "Field type → `{operators, widget, sortable, refersToRecords}`.",
          schema: Type.Object(
            {},
            {
              additionalProperties: Type.Object({
                operators: Type.Array(Type.String()),
                widget: Type.String(),
                sortable: Type.Boolean(),
                refersToRecords: Type.Boolean(),
              }),
            },
          ),
        },
      },
      errors: [503],
    },
    serveFieldTypes,
  );
  routes.route(
    "GET",
    "/entities/:entity",
    {
      policy: "session",
      operationId: "getEntityMeta",
      summary: "One entity's effective metadata",
      tags,
      params: Type.Object({
        entity: documentedFrom(Type.String({ description: "The entity's key." }), "entityKey"),
      }),
      responses: {
        200: {
          description: "Hidden fields are left out.",
          schema: componentRef("EntityView"),
        },
      },
      errors: [404, 503],
    },
    (c, { params }) => {
      const { company } = c.var;
      const def = company.policy.visibleEntity(company, params.entity);
      return c.json(entityView(def, company.policy, actions), 200, {
        "X-Meta-Version": metaVersion(company),
      });
    },
  );
}
