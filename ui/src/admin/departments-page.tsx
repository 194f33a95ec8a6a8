import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { Department } from "./admin-types.ts";
import { DepartmentTree } from "./department-tree.tsx";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

const base = "/api/admin/departments";

/** Departments: the tree, a new department under any of them, and the selected one's name, place and removal. */
export function DepartmentsPage() {
  const [tree, { refetch }] = createResource(() =>
    api<{ items: Department[] }>("GET", base).then((r) => r.items),
  );
  const items = () => tree.latest ?? [];
  const [selected, setSelected] = createSignal<string>();
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [newName, setNewName] = createSignal("");
  const [newParent, setNewParent] = createSignal("");
  const [rename, setRename] = createSignal("");
  const current = () => items().find((d) => d.id === selected());
  const pick = (id: string) => {
    setSelected(id);
    setRename(items().find((d) => d.id === id)?.name ?? "");
  };
  // Run a change, then show the new tree and what happened (or the server's reason not to).
  const change = async (work: () => Promise<unknown>, done: string) => {
    setMessage(undefined);
    let outcome = { text: done, error: false };
    try {
      await work();
    } catch (err) {
      outcome = { text: errorText(err), error: true };
    }
    await refetch();
    setMessage(outcome);
  };
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const name = newName().trim();
    void change(
      async () => {
        const made = await api<Department>("POST", base, { name, parent: newParent() || null });
        setNewName("");
        setSelected(made.id);
        setRename(made.name);
      },
      t("admin.departments.created", { name }),
    );
  };
  const move = (id: string, parent: string | null) =>
    change(() => api("PATCH", `${base}/${id}`, { parent }), t("admin.departments.moved"));
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void change(
      () => api("PATCH", `${base}/${selected()}`, { name: rename().trim() }),
      t("admin.departments.saved"),
    );
  };
  const remove = () => {
    const d = current();
    if (!d || !window.confirm(t("admin.departments.deleteConfirm", { name: d.name }))) return;
    void change(
      async () => {
        await api("DELETE", `${base}/${d.id}`);
        setSelected(undefined);
      },
      t("admin.departments.deleted", { name: d.name }),
    );
  };
  const indent = (d: Department) => `${"\u00a0\u00a0".repeat(d.depth)}${d.name}`;
  // A department cannot move under itself or its own sub-departments (the server says so too).
  const inside = (d: Department, ancestor: string): boolean =>
    d.id === ancestor ||
    (!!d.parent &&
      inside(
        items().find((x) => x.id === d.parent)!,
        ancestor,
      ));

  return (
    <section class="admin-page" aria-labelledby="departments-title">
      <header class="page-header">
        <h1 id="departments-title">{t("admin.menu.departments")}</h1>
      </header>
      <PageMessage message={message()} />
      <form class="inline-form" onSubmit={create}>
        <label for="dept-new-name">{t("admin.departments.newName")}</label>
        <input
          id="dept-new-name"
          required
          maxLength={100}
          value={newName()}
          onInput={(e) => setNewName(e.currentTarget.value)}
        />
        <label for="dept-new-parent">{t("admin.departments.parent")}</label>
        <select id="dept-new-parent" onChange={(e) => setNewParent(e.currentTarget.value)}>
          <option value="" selected={newParent() === ""}>
            {t("admin.departments.topLevel")}
          </option>
          <For each={items()}>
            {(d) => (
              <option value={d.id} selected={newParent() === d.id}>
                {indent(d)}
              </option>
            )}
          </For>
        </select>
        <button type="submit" class="primary">
          {t("admin.departments.add")}
        </button>
      </form>
      <div class="admin-columns">
        <div class="panel">
          <Show
            when={items().length > 0}
            fallback={<p class="muted">{t("admin.departments.none")}</p>}
          >
            <DepartmentTree
              items={items()}
              selected={selected()}
              onSelect={pick}
              onMove={(id, parent) => void move(id, parent)}
            />
          </Show>
        </div>
        <Show when={current()}>
          {(d) => (
            <form class="panel stack" onSubmit={save} aria-labelledby="dept-edit-title">
              <h2 id="dept-edit-title">{d().name}</h2>
              <label for="dept-rename">{t("admin.departments.name")}</label>
              <input
                id="dept-rename"
                required
                maxLength={100}
                value={rename()}
                onInput={(e) => setRename(e.currentTarget.value)}
              />
              <label for="dept-move">{t("admin.departments.moveTo")}</label>
              <select
                id="dept-move"
                onChange={(e) => void move(d().id, e.currentTarget.value || null)}
              >
                <option value="" selected={d().parent === null}>
                  {t("admin.departments.topLevel")}
                </option>
                <For each={items().filter((x) => !inside(x, d().id))}>
                  {(x) => (
                    <option value={x.id} selected={d().parent === x.id}>
                      {indent(x)}
                    </option>
                  )}
                </For>
              </select>
              <p class="muted">{t("admin.departments.users", { count: d().userCount })}</p>
              <div class="actions">
                <button type="submit" class="primary">
                  {t("common.save")}
                </button>
                <button type="button" class="danger" onClick={remove}>
                  {t("common.delete")}
                </button>
              </div>
            </form>
          )}
        </Show>
      </div>
    </section>
  );
}
