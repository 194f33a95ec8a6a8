import { recordActions } from "../companies/record-policy.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { pointer, type MetadataProblem } from "../metadata/metadata-error.ts";
import { own } from "../metadata/own-key.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownEntity, unknownField } from "../metadata/metadata-texts.ts";

/** A role grants the actions the core asks its record policy about. */
export const roleActions = recordActions;
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
      actions?: (typeof roleActions)[number][];
      scope?: (typeof roleScopes)[number];
      fields?: Record<string, (typeof fieldRules)[number]>;
    }
  >;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Problems of a permission set against a company's effective metadata, each
 * with its JSON pointer. An unknown module, entity, action or field is an
 * error, never a silent allow.
 */
export function checkRolePermissions(value: unknown, meta: EffectiveMetadata): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const report = (ptr: string, rule: Text) =>
    problems.push({ source: "permissions", pointer: ptr, rule });
  const unknownKeys = (o: Record<string, unknown>, allowed: string[], at: string) => {
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        report(at + pointer(k), tr('unknown property "{property}"', { property: k }));
  };
  if (!isObject(value)) {
    report("", tr("permissions must be an object"));
    return problems;
  }
  unknownKeys(value, ["modules", "entities"], "");
  const moduleKeys = new Set(meta.modules.modules.map((m) => m.key));
  const modules = value.modules;
  if (modules !== undefined && !Array.isArray(modules))
    report("/modules", tr("modules must be an array of module keys"));
  const visible = new Set<string>();
  if (Array.isArray(modules)) {
    modules.forEach((m, i) => {
      if (typeof m !== "string" || !moduleKeys.has(m))
        report(pointer("modules", i), tr("unknown module {module}", { module: JSON.stringify(m) }));
      else if (visible.has(m))
        report(pointer("modules", i), tr('module "{module}" is listed twice', { module: m }));
      else visible.add(m);
    });
  }
  const entities = value.entities;
  if (entities === undefined) return problems;
  if (!isObject(entities)) {
    report("/entities", tr("entities must be an object keyed by entity"));
    return problems;
  }
  for (const [key, grant] of Object.entries(entities)) {
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
    if (!isObject(grant)) {
      report(at, tr("an entity's grant must be an object with actions, scope and fields"));
      continue;
    }
    unknownKeys(grant, ["actions", "scope", "fields"], at);
    const actions = grant.actions ?? [];
    if (!Array.isArray(actions)) report(`${at}/actions`, tr("actions must be an array"));
    else {
      const seen = new Set<string>();
      actions.forEach((a, i) => {
        if (!(roleActions as readonly unknown[]).includes(a))
          report(
            `${at}${pointer("actions", i)}`,
            tr("unknown action {action}; use {actions}", {
              action: JSON.stringify(a),
              actions: roleActions.join(", "),
            }),
          );
        else if (seen.has(a as string))
          report(
            `${at}${pointer("actions", i)}`,
            tr('action "{action}" is listed twice', { action: String(a) }),
          );
        seen.add(a as string);
      });
      if (actions.length > 0 && !seen.has("read"))
        report(`${at}/actions`, tr("every other action needs read"));
      if (actions.length > 0 && grant.scope === undefined)
        report(`${at}/scope`, tr("a role that grants actions must say their scope"));
    }
    if (grant.scope !== undefined && !(roleScopes as readonly unknown[]).includes(grant.scope)) {
      report(
        `${at}/scope`,
        tr("unknown scope {scope}; use {scopes}", {
          scope: JSON.stringify(grant.scope),
          scopes: roleScopes.join(", "),
        }),
      );
    }
    if (grant.fields === undefined) continue;
    if (!isObject(grant.fields)) {
      report(`${at}/fields`, tr("fields must be an object of field rules"));
      continue;
    }
    for (const [name, rule] of Object.entries(grant.fields)) {
      const fieldAt = `${at}${pointer("fields", name)}`;
      const field = own(def.entity.fields, name);
      if (!field || field.hidden) report(fieldAt, unknownField(name));
      else if (!(fieldRules as readonly unknown[]).includes(rule))
        report(
          fieldAt,
          tr("unknown field rule {rule}; use hidden or readOnly", { rule: JSON.stringify(rule) }),
        );
      else if (rule === "hidden" && name === def.entity.titleField)
        report(fieldAt, tr('the title field "{field}" cannot be hidden', { field: name }));
      else if (
        field.required &&
        field.default === undefined &&
        Array.isArray(grant.actions) &&
        grant.actions.includes("create")
      )
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
