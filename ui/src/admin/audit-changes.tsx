import { For, Show } from "solid-js";
import { hasMessage, t } from "../i18n/i18n.ts";
import type { AuditEntry } from "./admin-types.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/** The leaves of an entry's detail (what was created or deleted), as path and value. */
function leaves(value: unknown, path = ""): { path: string; value: unknown }[] {
  if (!isObject(value)) return path ? [{ path, value }] : [];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}/${k}` : k));
}

/** Entries written before reasons became codes said them in English. */
const legacyReasons: Record<string, string> = {
  "wrong password": "wrong_password",
  "unknown user": "unknown_user",
  "disabled user": "disabled_user",
  "password check failed": "password_check_failed",
};

/** A failed login's reason in words of the current language; an unknown one as written. */
function reasonText(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const key = `admin.audit.reason.${legacyReasons[value] ?? value}`;
  return hasMessage(key) ? t(key) : undefined;
}

/**
 * What an entry changed: `path: before → after` per changed value, or for an
 * entry without a before (a creation, a login) the values it recorded.
 * Ids of known users, roles and departments show as their names.
 */
export function AuditChanges(props: {
  entry: AuditEntry;
  name: (id: string) => string | undefined;
}) {
  const shown = (v: unknown) => {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0))
      return t("common.none");
    if (typeof v === "string") return props.name(v) ?? v;
    if (Array.isArray(v))
      return v
        .map((x) => (typeof x === "string" ? (props.name(x) ?? x) : JSON.stringify(x)))
        .join(", ");
    return JSON.stringify(v);
  };
  return (
    <Show
      when={props.entry.changes.length > 0}
      fallback={
        <ul class="plain changes">
          <For each={leaves(props.entry.detail)}>
            {(l) => (
              <li>
                <span class="mono">{l.path}</span>:{" "}
                {(l.path === "reason" && reasonText(l.value)) || shown(l.value)}
              </li>
            )}
          </For>
        </ul>
      }
    >
      <ul class="plain changes">
        <For each={props.entry.changes}>
          {(c) => (
            <li>
              <span class="mono">{c.path}</span>: <del>{shown(c.before)}</del>
              <span aria-label={t("admin.audit.becomes")}> → </span>
              <ins>{shown(c.after)}</ins>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
