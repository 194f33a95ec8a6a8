import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { createAjv } from "../fields/create-ajv.ts";
import { containsNul } from "./contains-nul.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType } from "../fields/registry.ts";
import type { FieldProblem } from "./api-error.ts";
import { isSystemField, type EntityDefinition } from "../metadata/metadata-types.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { isAutoNumbered, readOnlyReason, visibleFields } from "../metadata/entity-fields.ts";
import { own } from "../metadata/own-key.ts";
import { tr } from "../i18n/text.ts";
import { AjvText } from "../i18n/ajv-text.ts";
import { valueTexts } from "../fields/value-texts.ts";
import { fieldTexts } from "./field-texts.ts";
import { unknownField } from "../metadata/metadata-texts.ts";

export type WriteMode = "create" | "patch";

export interface WriteResult {
  problems: FieldProblem[];
  /** Column → value to bind, for the fields the body sets (nulls included). */
  values: Record<string, unknown>;
}

/** The fields of an entity a request body may set: visible and not read-only. */
export function writableFields(def: EntityDefinition): Map<string, FieldMetadata> {
  const writable = new Map<string, FieldMetadata>();
  for (const [name, field] of visibleFields(def)) {
    if (!readOnlyReason(def, name, field)) writable.set(name, field);
  }
  return writable;
}

/**
 * The fields a module's before-hook may set besides: read-only ones too (a
 * running balance, a computed total), which users never write. The
 * number stays the numbering's.
 */
function hookWritableFields(def: EntityDefinition): Map<string, FieldMetadata> {
  return new Map(visibleFields(def).filter(([name]) => !isAutoNumbered(def, name)));
}

/**
 * The JSON Schema of an entity's non-null payload values. The server compiles
 * it here and the browser runs the same schema precompiled
 * (meta/validator-module.ts), so both judge a value alike.
 */
export function entityPayloadSchema(
  def: EntityDefinition,
  ctx: FieldContext,
  fields = writableFields(def),
) {
  const properties: Record<string, unknown> = {};
  for (const [name, field] of fields) {
    properties[name] = getFieldType(field.type)!.jsonSchema(field, ctx);
  }
  return { type: "object", properties };
}

/**
 * Validates record payloads of one entity against the JSON Schema derived
 * from its effective metadata. Built once per company metadata version (see
 * RecordValidators) and reused by every request.
 */
export class RecordValidator {
  readonly #writable: Map<string, FieldMetadata>;
  readonly #validate: ValidateFunction;

  constructor(
    ajv: Ajv,
    private readonly def: EntityDefinition,
    private readonly ctx: FieldContext,
    forHooks = false,
  ) {
    this.#writable = forHooks ? hookWritableFields(def) : writableFields(def);
    this.#validate = ajv.compile(entityPayloadSchema(def, ctx, this.#writable));
  }

  check(body: Record<string, unknown>, mode: WriteMode): WriteResult {
    const problems: FieldProblem[] = [];
    const nonNull: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(body)) {
      const field = own(this.def.entity.fields, name);
      if (isSystemField(name)) {
        problems.push({
          field: name,
          rule: "serverManaged",
          message: tr("is managed by the server and cannot be written"),
        });
      } else if (!field || field.hidden) {
        problems.push({ field: name, rule: "unknown", message: unknownField(name) });
      } else if (!this.#writable.has(name)) {
        problems.push({
          field: name,
          rule: "readOnly",
          message: readOnlyReason(this.def, name, field)!,
        });
      } else if (
        value === null ||
        (field.required && typeof value === "string" && value.trim() === "")
      ) {
        if (field.required)
          problems.push({ field: name, rule: "required", message: fieldTexts.required() });
      } else if (containsNul(value)) {
        // PostgreSQL text cannot hold U+0000; refuse it here rather than fail in SQL.
        problems.push({
          field: name,
          rule: "nul",
          message: fieldTexts.nul(),
        });
      } else {
        nonNull[name] = value;
      }
    }
    if (mode === "create") {
      for (const [name, field] of this.#writable) {
        if (field.default !== undefined && !(name in body)) nonNull[name] = field.default;
        if (field.required && !(name in nonNull) && !(name in body)) {
          problems.push({ field: name, rule: "required", message: fieldTexts.required() });
        }
      }
    }
    if (!this.#validate(nonNull)) {
      // One problem per field: a value failing both pattern and format is one mistake.
      for (const p of (this.#validate.errors ?? []).map((e) => this.#describe(e))) {
        if (!problems.some((q) => q.field === p.field)) problems.push(p);
      }
    }
    for (const [name, value] of Object.entries(nonNull)) {
      const field = this.#writable.get(name);
      const message = field
        ? getFieldType(field.type)!.checkValue?.(value, field, this.ctx)
        : undefined;
      if (message && !problems.some((p) => p.field === name))
        problems.push({ field: name, rule: "range", message });
    }
    if (problems.length > 0) return { problems, values: {} };

    const values: Record<string, unknown> = {};
    for (const name of new Set([...Object.keys(body), ...Object.keys(nonNull)])) {
      const field = this.#writable.get(name);
      if (!field) continue;
      const value = nonNull[name] ?? null;
      const type = getFieldType(field.type)!;
      values[name] = value === null || !type.toDb ? value : type.toDb(value, field, this.ctx);
    }
    return { problems, values };
  }

  #describe(e: ErrorObject): FieldProblem {
    const name = e.instancePath.split("/")[1] ?? "";
    const field = this.#writable.get(name);
    const expects = field && getFieldType(field.type)!.expects;
    const describesShape =
      e.keyword === "pattern" || e.keyword === "format" || e.keyword === "type";
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    const message =
      field && expects && describesShape
        ? valueTexts.mustBe(expects(field, this.ctx))
        : allowed
          ? valueTexts.mustBeOneOf(allowed)
          : new AjvText(e);
    return { field: name, rule: e.keyword, message };
  }
}

/** One validator per entity, for one company metadata version and field context. */
export class RecordValidators {
  readonly #ajv = createAjv();
  readonly #byEntity = new Map<string, RecordValidator>();
  readonly #forHooks = new Map<string, RecordValidator>();

  constructor(
    private readonly entities: Record<string, EntityDefinition>,
    private readonly ctx: FieldContext,
  ) {}

  for(entity: string): RecordValidator {
    let v = this.#byEntity.get(entity);
    if (!v) {
      v = new RecordValidator(this.#ajv, this.entities[entity]!, this.ctx);
      this.#byEntity.set(entity, v);
    }
    return v;
  }

  /** The values as a before-hook left them, read-only fields allowed (the body's were checked already). */
  forHooks(entity: string): RecordValidator {
    let v = this.#forHooks.get(entity);
    if (!v) {
      v = new RecordValidator(this.#ajv, this.entities[entity]!, this.ctx, true);
      this.#forHooks.set(entity, v);
    }
    return v;
  }
}
