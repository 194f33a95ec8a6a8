import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { findUsers, listDepartments } from "./people-choices.ts";

/** A picked colleague (`u:<id>`) or department (`d:<id>`), as the select's value. */
export type Pick = { kind: "user" | "department"; id: string } | undefined;

export const parsePick = (value: string): Pick => {
  const [kind, id] = value.split(":");
  if (!id) return undefined;
  return { kind: kind === "d" ? "department" : "user", id };
};

/**
 * A colleague found by typing (the directory's `q`), or with `departments`
 * a department, in one labelled select: whom to give records to or share
 * them with.
 */
export function PersonPicker(props: {
  id: string;
  label: string;
  departments: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const [filter, setFilter] = createSignal("");
  const [users] = createResource(filter, findUsers);
  const [departments] = createResource(
    () => props.departments,
    (wanted) => (wanted ? listDepartments() : Promise.resolve([])),
  );
  let typing: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(typing));
  return (
    <>
      <input
        type="search"
        aria-label={t("tools.findPerson")}
        placeholder={t("tools.findPerson")}
        onInput={(e) => {
          const value = e.currentTarget.value;
          clearTimeout(typing);
          typing = setTimeout(() => setFilter(value), 250);
        }}
      />
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{t("tools.choose")}</option>
        <optgroup label={t("tools.user")}>
          <For each={users.latest ?? []}>
            {(u) => <option value={`u:${u.id}`}>{u.label}</option>}
          </For>
        </optgroup>
        <Show when={(departments.latest?.length ?? 0) > 0}>
          <optgroup label={t("tools.department")}>
            <For each={departments.latest}>
              {(d) => <option value={`d:${d.id}`}>{d.label}</option>}
            </For>
          </optgroup>
        </Show>
      </select>
    </>
  );
}
