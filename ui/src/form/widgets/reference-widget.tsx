import { createEffect, createSignal, For, on, onCleanup, Show } from "solid-js";
import { api } from "../../api/http.ts";
import { meta } from "../../api/meta-store.ts";
import type { RecordData } from "../../api/meta-types.ts";
import { t } from "../../i18n/i18n.ts";
import type { WidgetProps } from "../widget-props.ts";

interface Choice {
  id: string;
  title: string;
}

/**
 * A record of the target entity, found by typing (WAI-ARIA combobox with a
 * listbox popup): each keystroke, after a short pause, asks the target's list
 * for `q` (its search fields) and offers ten titles. The current value shows
 * its `_display` title, or the target's title read once when only the id is known
 * (a "new related record" prefilled with the link). A field with `filterBy`
 * offers only records agreeing with the form's other fields (an activity's
 * contacts of its customer), and is emptied when one of those changes.
 */
export function ReferenceWidget(props: WidgetProps) {
  const target = () => meta()!.entities[props.field.entity ?? ""];
  const values = () => props.values ?? props.record;
  /** The list filter conditions `filterBy` asks for; an empty field narrows nothing. */
  const narrowing = () =>
    Object.entries(props.field.filterBy ?? {})
      .map(([field, source]) => ({ field, op: "eq", value: values()[source] }))
      .filter((c) => c.value !== null && c.value !== undefined && c.value !== "");
  const [text, setText] = createSignal("");
  const [choices, setChoices] = createSignal<Choice[]>([]);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(-1);
  const titleOf = (r: RecordData) => String(r[target()?.titleField ?? "id"] ?? r.id);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  createEffect(
    on(
      () => props.value,
      async (id) => {
        if (!id) return setText("");
        const shown = props.record._display?.[props.name];
        if (shown && props.record[props.name] === id) return setText(shown);
        const entity = target();
        if (!entity) return setText(String(id));
        const record = await api<RecordData>("GET", `/api/data/${entity.key}/${String(id)}`).catch(
          () => null,
        );
        setText(record ? titleOf(record) : String(id));
      },
    ),
  );

  // A contact chosen for one customer is no answer for another: the choice goes when the
  // customer changes. Filling an empty form (loading the record) changes nothing chosen.
  createEffect(
    on(
      () => JSON.stringify(narrowing()),
      (now, before) => {
        setChoices([]);
        if (before !== undefined && before !== "[]" && now !== before && props.value)
          props.onChange(null);
      },
    ),
  );

  const search = (q: string) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const entity = target();
      if (!entity) return;
      const params = new URLSearchParams({ q, limit: "10" });
      const conditions = narrowing();
      if (conditions.length > 0)
        params.set(
          "filter",
          JSON.stringify(conditions.length === 1 ? conditions[0] : { and: conditions }),
        );
      const page = await api<{ items: RecordData[] }>("GET", `/api/data/${entity.key}?${params}`);
      setChoices(page.items.map((r) => ({ id: String(r.id), title: titleOf(r) })));
      setActive(page.items.length ? 0 : -1);
      setOpen(true);
    }, 200);
  };

  const choose = (choice: Choice) => {
    setText(choice.title);
    setOpen(false);
    props.onChange(choice.id);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const list = choices();
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open()) search(text());
      else setActive((i) => Math.min(list.length - 1, i + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === "Enter" && open() && list[active()]) {
      e.preventDefault();
      choose(list[active()]!);
    } else if (e.key === "Escape" && open()) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const listId = () => `${props.id}-options`;
  return (
    <div class="combobox">
      <input
        id={props.id}
        name={props.name}
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-label={props.labelId ? undefined : props.label}
        aria-expanded={open()}
        aria-controls={listId()}
        aria-activedescendant={open() && active() >= 0 ? `${listId()}-${active()}` : undefined}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        aria-required={props.field.required || undefined}
        placeholder={t("form.search")}
        readOnly={props.readOnly}
        value={text()}
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (e.currentTarget.value === "") props.onChange(null);
          search(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId()} role="listbox" aria-label={props.label} class="options" hidden={!open()}>
        <For each={choices()}>
          {(choice, i) => (
            <li
              id={`${listId()}-${i()}`}
              role="option"
              aria-selected={i() === active()}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(choice);
              }}
            >
              {choice.title}
            </li>
          )}
        </For>
        <Show when={choices().length === 0}>
          <li class="muted" role="presentation">
            {t("form.noMatches")}
          </li>
        </Show>
      </ul>
    </div>
  );
}
