import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import { locale, t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import { AdminPager } from "./admin-pager.tsx";
import type { AdminUser, AuditEntry, Department, Role } from "./admin-types.ts";
import { actionText, auditActions } from "./audit-actions.ts";
import { AuditChanges } from "./audit-changes.tsx";

const pageSize = 50;
const get = <T,>(path: string) => api<{ items: T[] }>("GET", path).then((r) => r.items);

/**
 * The audit trail: who did what when, newest first, filtered by action,
 * actor, target and days (in the company's time zone), with each entry's
 * changes; the same selection exports as CSV.
 */
export function AuditPage() {
  const [actions, setActions] = createSignal<string[]>([]);
  const [actor, setActor] = createSignal("");
  const [target, setTarget] = createSignal("");
  const [from, setFrom] = createSignal("");
  const [to, setTo] = createSignal("");
  const [query, setQuery] = createSignal("");
  const [offset, setOffset] = createSignal(0);
  const [entries] = createResource(
    () => `/api/admin/audit?${query()}${query() ? "&" : ""}limit=${pageSize}&offset=${offset()}`,
    (url) => api<{ items: AuditEntry[]; total: number }>("GET", url),
  );
  const [users] = createResource(() => get<AdminUser>("/api/admin/users"));
  const [roles] = createResource(() => get<Role>("/api/admin/roles"));
  const [departments] = createResource(() => get<Department>("/api/admin/departments"));
  const names = createMemo(() => {
    const map = new Map<string, string>();
    for (const u of users.latest ?? []) map.set(u.id, u.displayName ?? u.username);
    for (const r of roles.latest ?? []) map.set(r.id, r.name);
    for (const d of departments.latest ?? []) map.set(d.id, d.name);
    return map;
  });
  const name = (id: string) => names().get(id);
  const data = () => (entries.state === "errored" ? undefined : entries.latest);
  const failure = () => (entries.state === "errored" ? errorText(entries.error) : "");
  const total = () => data()?.total ?? 0;

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (actions().length > 0) params.set("action", actions().join(","));
    for (const [key, value] of [
      ["actor", actor()],
      ["target", target()],
      ["from", from()],
      ["to", to()],
    ] as const)
      if (value.trim()) params.set(key, value.trim());
    setQuery(params.toString());
    setOffset(0);
  };
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale(), {
      timeZone: meta()!.company.settings.timezone,
      dateStyle: "medium",
      timeStyle: "medium",
    }).format(new Date(iso));

  return (
    <section class="admin-page" aria-labelledby="audit-title">
      <header class="page-header">
        <h1 id="audit-title">{t("admin.menu.audit")}</h1>
        <div class="actions">
          <a
            class="button"
            href={`/api/admin/audit/export${query() ? `?${query()}` : ""}`}
            download="audit.csv"
          >
            {t("admin.audit.export")}
          </a>
        </div>
      </header>
      <form class="panel audit-filters" onSubmit={apply} aria-label={t("admin.audit.filters")}>
        <div class="field">
          <label for="audit-actions">{t("admin.audit.actions")}</label>
          <select
            id="audit-actions"
            multiple
            size={6}
            onChange={(e) => setActions([...e.currentTarget.selectedOptions].map((o) => o.value))}
          >
            <For each={auditActions}>
              {(a) => (
                <option value={a} selected={actions().includes(a)}>
                  {actionText(a)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="stack">
          <label for="audit-actor">{t("admin.audit.actor")}</label>
          <input
            id="audit-actor"
            list="audit-actor-choices"
            value={actor()}
            onInput={(e) => setActor(e.currentTarget.value)}
          />
          <label for="audit-target">{t("admin.audit.target")}</label>
          <input
            id="audit-target"
            list="audit-target-choices"
            aria-describedby="audit-target-help"
            value={target()}
            onInput={(e) => setTarget(e.currentTarget.value)}
          />
          <span id="audit-target-help" class="help">
            {t("admin.audit.targetHelp")}
          </span>
          <datalist id="audit-actor-choices">
            <For each={users.latest ?? []}>{(u) => <option value={u.username} />}</For>
          </datalist>
          <datalist id="audit-target-choices">
            <For each={[...names().entries()]}>
              {([id, label]) => <option value={id} label={label} />}
            </For>
            <For each={users.latest ?? []}>
              {(u) => <option value={u.username} label={u.displayName ?? u.username} />}
            </For>
          </datalist>
        </div>
        <div class="stack">
          <label for="audit-from">{t("admin.audit.from")}</label>
          <input
            id="audit-from"
            type="date"
            value={from()}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
          <label for="audit-to">{t("admin.audit.to")}</label>
          <input
            id="audit-to"
            type="date"
            value={to()}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t("admin.audit.apply")}
          </button>
        </div>
      </form>
      <Show when={failure()}>
        <div class="banner" role="alert">
          {failure()}
        </div>
      </Show>
      <div class="table-wrap" aria-busy={entries.loading}>
        <table class="admin-table audit-table">
          <caption class="visually-hidden">{t("admin.menu.audit")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.at")}</th>
              <th scope="col">{t("admin.audit.actor")}</th>
              <th scope="col">{t("admin.audit.action")}</th>
              <th scope="col">{t("admin.audit.target")}</th>
              <th scope="col">{t("admin.audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={data()?.items ?? []}>
              {(entry) => (
                <tr>
                  <td class="nowrap">{when(entry.at)}</td>
                  <td>
                    {entry.actor ?? t("common.none")}
                    <Show when={entry.ip}>
                      <span class="muted small" title={entry.userAgent ?? undefined}>
                        {" "}
                        {entry.ip}
                      </span>
                    </Show>
                  </td>
                  <td>{actionText(entry.action)}</td>
                  <td>{entry.target ? (name(entry.target) ?? entry.target) : t("common.none")}</td>
                  <td>
                    <AuditChanges entry={entry} name={name} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <AdminPager
        label={t("admin.audit.pages")}
        totalText={t("list.total", { total: total() })}
        total={total()}
        offset={offset()}
        pageSize={pageSize}
        onOffset={setOffset}
      />
    </section>
  );
}
