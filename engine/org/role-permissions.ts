import { Type, type TSchema, type TUnsafe } from "@sinclair/typebox";
import { namedSchema } from "../http/named-schema.ts";
import { stringEnum } from "../http/string-enum.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { pointer, type MetadataProblem } from "../metadata/metadata-error.ts";
import { own } from "../metadata/own-key.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownEntity, unknownField } from "../metadata/metadata-texts.ts";

export const roleScopes = ["own", "department", "departmentTree", "all"] as const;
export const fieldRules = ["hidden", "readOnly"] as const;

/**
 * What a role grants (design brief §4): visible modules, and per entity the
 * actions, the record scope (by the owner's department) and field rules.
 * Anything not granted is denied: `{}` grants nothing.
 */
export interface RolePermissions {
  modules?: string[];
  entities?: Record<
    string,
    {
      actions?: string[];
      scope?: (typeof roleScopes)[number];
      fields?: Record<string, (typeof fieldRules)[number]>;
    }
  >;
}

/**
 * The shape of a permission set, its actions those the installed modules
 * declare (`ModuleSet.actionKeys`): role bodies are checked with it and the
 * document shows it. What it names is checked against the company's
 * metadata by `checkRolePermissions`.
 */
export function rolePermissionsSchema(actions: readonly string[]) {
  const grant = Type.Object(
    {
      actions: Type.Optional(
        Type.Array(stringEnum(actions), { description: "Every other action needs read." }),
      ),
      scope: Type.Optional(
        stringEnum(roleScopes, {
          description: "Whose records: by the owner's department, or all. Needed with actions.",
        }),
      ),
      fields: Type.Optional(
        Type.Record(Type.String(), stringEnum(fieldRules), {
          description: "Fields hidden or read-only for this role, by key.",
        }),
      ),
    },
    { additionalProperties: false },
  );
  return namedSchema(
    "RolePermissions",
    Type.Object(
      {
        modules: Type.Optional(
          Type.Array(Type.String(), { description: "The modules (menus) the role shows." }),
        ),
        entities: Type.Optional(
          Type.Record(Type.String(), grant, { description: "What the role grants per entity." }),
        ),
      },
      { additionalProperties: false, description: "Anything not granted is denied." },
    ),
  ) as TSchema as TUnsafe<RolePermissions>;
}

/**
 * Problems of a well-shaped permission set (`rolePermissionsSchema`) against
 * a company's effective metadata, each with its JSON pointer. An unknown
 * module, entity or field is an error, never a silent allow.
 */
export function checkRolePermissions(
  value: RolePermissions,
  meta: EffectiveMetadata,
): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const report = (ptr: string, rule: Text) =>
    problems.push({ source: "permissions", pointer: ptr, rule });
  const moduleKeys = new Set(meta.modules.modules.map((m) => m.key));
  const visible = new Set<string>();
  (value.modules ?? []).forEach((m, i) => {
    if (!moduleKeys.has(m))
      report(pointer("modules", i), tr("unknown module {module}", { module: JSON.stringify(m) }));
    else if (visible.has(m))
      report(pointer("modules", i), tr('module "{module}" is listed twice', { module: m }));
    else visible.add(m);
  });
  for (const [key, grant] of Object.entries(value.entities ?? {})) {
    const at = pointer("entities", key);
    const def = own(meta.entities, key);
    if (!def) {
      report(at, unknownEntity(key));
      continue;
    }
    if (!visible.has(def.entity.module))
      report(
        at,
        tr('entity "{entity}" belongs to module "{module}", which this role does not show', {
          entity: key,
          module: def.entity.module,
        }),
      );
    const actions = grant.actions ?? [];
    const seen = new Set<string>();
    actions.forEach((a, i) => {
      if (seen.has(a))
        report(
          `${at}${pointer("actions", i)}`,
          tr('action "{action}" is listed twice', { action: a }),
        );
      seen.add(a);
    });
    if (actions.length > 0 && !seen.has("read"))
      report(`${at}/actions`, tr("every other action needs read"));
    if (actions.length > 0 && grant.scope === undefined)
      report(`${at}/scope`, tr("a role that grants actions must say their scope"));
    for (const [name, rule] of Object.entries(grant.fields ?? {})) {
      const fieldAt = `${at}${pointer("fields", name)}`;
      const field = own(def.entity.fields, name);
      if (!field || field.hidden) report(fieldAt, unknownField(name));
      else if (rule === "hidden" && name === def.entity.titleField)
        report(fieldAt, tr('the title field "{field}" cannot be hidden', { field: name }));
      else if (field.required && field.default === undefined && seen.has("create"))
        // Records this role creates could never have it.
        report(
          fieldAt,
          tr(
            '"{field}" is required and has no default: a role that creates {entity} records must be able to write it',
            { field: name, entity: key },
          ),
        );
    }
  }
  return problems;
}
