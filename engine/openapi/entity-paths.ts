import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import {
  entitySchemaNames,
  headerRef,
  operationName,
  parameterRef,
  schemaRef,
} from "./component-names.ts";
import { withArticle } from "./article.ts";
import { historyPath } from "./history-path.ts";
import { listParameters } from "./list-parameters.ts";
import type { Paths } from "./openapi-types.ts";

/**
 * The records API of one entity at concrete paths (`/api/data/customer`,
 * `/api/data/customer/{id}`), so that each entity has its own schemas and
 * operation ids (`listCustomer`, `createCustomer`, …).
 */
export function entityPaths(def: EntityDefinition): Paths {
  const { key } = def.entity;
  const names = entitySchemaNames(key);
  const label = def.labels.en.entity ?? key;
  const aLabel = withArticle(label);
  const plural = def.labels.en.plural ?? key;
  const tags = [key];
  const withRecord = (description: string) => ({
    description,
    headers: { ETag: headerRef("ETag"), ...sessionHeaders },
    content: json(schemaRef(names.record)),
  });
  return {
    [`/api/data/${key}`]: {
      get: {
        operationId: operationName("list", key),
        summary: `List ${plural}`,
        description: `A page of ${plural}, filtered, searched and sorted (then by id), with \`total\` counting the matches as \`total\` asks and \`next\`, the cursor of the following page.`,
        tags,
        parameters: listParameters(def),
        responses: {
          "200": {
            description: `A page of ${plural}.`,
            headers: sessionHeaders,
            content: json(schemaRef(names.list)),
          },
          ...errorResponses(400, 401, 403, 503),
        },
      },
      post: {
        operationId: operationName("create", key),
        summary: `Create ${aLabel}`,
        tags,
        requestBody: { required: true, content: json(schemaRef(names.create)) },
        responses: {
          "201": withRecord(`The ${label} created, with its id, number and version 1.`),
          ...errorResponses(400, 401, 403, 409, 413, 415, 503),
        },
      },
    },
    [`/api/data/${key}/{id}`]: {
      parameters: [parameterRef("RecordId")],
      get: {
        operationId: operationName("get", key),
        summary: `Read ${aLabel}`,
        tags,
        responses: {
          "200": withRecord(`The ${label}.`),
          ...errorResponses(401, 403, 404, 503),
        },
      },
      patch: {
        operationId: operationName("patch", key),
        summary: `Change ${aLabel}`,
        description:
          "Sends only the fields to change (null clears one) and the version read as If-Match; answers the record with its new version.",
        tags,
        parameters: [parameterRef("IfMatchRequired")],
        requestBody: { required: true, content: json(schemaRef(names.patch)) },
        responses: {
          "200": withRecord(`The ${label} changed, with its new version.`),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 428, 503),
        },
      },
      delete: {
        operationId: operationName("delete", key),
        summary: `Delete ${aLabel}`,
        description:
          "Refused with 409 `referenced` while other records refer to it through a restricting reference.",
        tags,
        parameters: [parameterRef("IfMatchOptional")],
        responses: {
          "204": { description: "Deleted.", headers: sessionHeaders },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    [`/api/data/${key}/{id}/history`]: historyPath(key, aLabel),
  };
}
