import type { JsonSchema } from "../fields/field-type.ts";

/** The parts of an OpenAPI 3.1 document this engine writes; schemas are JSON Schema 2020-12. */
export type { JsonSchema };

export interface Ref {
  $ref: string;
}

export interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  description: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
  /** The fields a list may be sorted by (on `sort`). */
  "x-sort-fields"?: string[];
}

export interface Header {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface MediaTypes {
  [type: string]: { schema: JsonSchema; example?: unknown };
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Ref>;
  content?: MediaTypes;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { required: boolean; description?: string; content: MediaTypes };
  responses: Record<string, Response | Ref>;
  /** `[]` opens an operation to anyone; absent means the document's global session scheme. */
  security?: Record<string, string[]>[];
}

export interface PathItem {
  parameters?: (Parameter | Ref)[];
  get?: Operation;
  put?: Operation;
  post?: Operation;
  patch?: Operation;
  delete?: Operation;
}

export type Paths = Record<string, PathItem>;

/** Paths plus the component schemas they refer to: what each part of the document contributes. */
export interface DocumentPart {
  paths: Paths;
  schemas: Record<string, JsonSchema>;
}

export interface Tag {
  name: string;
  description: string;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  security: Record<string, string[]>[];
  tags: Tag[];
  paths: Paths;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    headers: Record<string, Header>;
    securitySchemes: Record<string, JsonSchema>;
  };
}
