import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import { entityLabel, fieldLabel, optionLabel, t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import {
  dateChoices,
  partsPattern,
  patternParts,
  resetOf,
  type PatternParts,
} from "./number-pattern-parts.ts";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

interface Prefixes {
  field: string;
  values: Record<string, string>;
}

/** `GET /api/admin/numbering`'s items (engine/admin/numbering-routes.ts). */
interface NumberingState {
  entity: string;
  field: string;
  pattern: string;
  automatic: boolean;
  prefixes: Prefixes | null;
  preview: { value: string | null; number: string }[];
  prefixFields: { field: string; options: string[] }[];
}

const tokens = "{YYYY} {YY} {MM} {DD} {prefix} {seq:N}";
/** Long enough that typing a pattern asks for one preview, not one per key. */
const previewDelay = 300;

/** The numbering designer: per entity with document numbers, its pattern, prefixes and a live preview. */
export function NumberingPage() {
  const [items] = createResource(() =>
    api<{ items: NumberingState[] }>("GET", "/api/admin/numbering").then((r) => r.items),
  );
  return (
    <section class="admin-page" aria-labelledby="numbering-title">
      <header class="page-header">
        <h1 id="numbering-title">{t("admin.menu.numbering")}</h1>
      </header>
      <p class="muted">{t("admin.numbering.intro")}</p>
      <Show when={items.state === "errored"}>
        <div class="banner" role="alert">
          {errorText(items.error)}
        </div>
      </Show>
      <Show when={items.state === "ready" && items()!.length === 0}>
        <p>{t("admin.numbering.none")}</p>
      </Show>
      <For each={items.latest ?? []}>{(item) => <NumberingEditor state={item} />}</For>
    </section>
  );
}

/** One entity's numbering; it keeps its draft after a save, which answers with the preview. */
function NumberingEditor(props: { state: NumberingState }) {
  const id = (part: string) => `numbering-${props.state.entity}-${part}`;
  const [pattern, setPattern] = createSignal(props.state.pattern);
  const [automatic, setAutomatic] = createSignal(props.state.automatic);
  const [prefixField, setPrefixField] = createSignal(
    props.state.prefixes?.field ?? props.state.prefixFields[0]?.field ?? "",
  );
  const [prefixValues, setPrefixValues] = createSignal(props.state.prefixes?.values ?? {});
  const [preview, setPreview] = createSignal(props.state.preview);
  const [previewError, setPreviewError] = createSignal<string>();
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [saving, setSaving] = createSignal(false);

  const entity = () => meta()?.entities[props.state.entity];
  const entityName = () => (entity() ? entityLabel(entity()!) : props.state.entity);
  const label = (field: string) => (entity() ? fieldLabel(entity()!, field) : field);
  const option = (field: string, value: string) =>
    entity() ? optionLabel(entity()!, field, value) : value;
  const parts = () => patternParts(pattern());
  const setPart = <K extends keyof PatternParts>(key: K, value: PatternParts[K]) =>
    setPattern(partsPattern({ ...parts()!, [key]: value }));
  const usesPrefix = () => pattern().includes("{prefix}");
  const options = () =>
    props.state.prefixFields.find((f) => f.field === prefixField())?.options ?? [];

  const body = () => {
    const values = Object.fromEntries(
      Object.entries(prefixValues()).filter(([v, p]) => p !== "" && options().includes(v)),
    );
    return {
      pattern: pattern(),
      automatic: automatic(),
      ...(usesPrefix() && prefixField() ? { prefixes: { field: prefixField(), values } } : {}),
    };
  };

  // Every change asks the server what the numbering would give: its checks are the save's.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on(
      () => JSON.stringify(body()),
      (change) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const mine = ++asked;
          api<NumberingState>(
            "POST",
            `/api/admin/entities/${props.state.entity}/numbering/preview`,
            JSON.parse(change),
          ).then(
            (r) => mine === asked && (setPreview(r.preview), setPreviewError(undefined)),
            (err: unknown) => mine === asked && setPreviewError(errorText(err)),
          );
        }, previewDelay);
      },
      { defer: true },
    ),
  );

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    setMessage(undefined);
    try {
      const saved = await api<{ numbering: NumberingState }>(
        "PUT",
        `/api/admin/entities/${props.state.entity}/numbering`,
        body(),
      );
      setPreview(saved.numbering.preview);
      setMessage({ text: t("admin.numbering.saved", { entity: entityName() }), error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    setSaving(false);
  };

  return (
    <form class="panel numbering-form" onSubmit={save} aria-labelledby={id("title")}>
      <h2 id={id("title")}>
        {entityName()} · {label(props.state.field)}
      </h2>
      <div class="field">
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={automatic()}
            onChange={(e) => setAutomatic(e.currentTarget.checked)}
          />
          {t("admin.numbering.automatic")}
        </label>
      </div>
      <Show when={parts()} fallback={<p class="muted">{t("admin.numbering.custom")}</p>}>
        {(p) => (
          <div class="form-grid">
            <div class="field">
              <label for={id("text")}>{t("admin.numbering.text")}</label>
              <input
                id={id("text")}
                value={p().text}
                maxLength={20}
                onInput={(e) => setPart("text", e.currentTarget.value.replace(/[{}]/g, ""))}
              />
            </div>
            <div class="field">
              <label for={id("date")}>{t("admin.numbering.date")}</label>
              <select id={id("date")} onChange={(e) => setPart("date", e.currentTarget.value)}>
                <For each={dateChoices}>
                  {(choice) => (
                    <option value={choice} selected={p().date === choice}>
                      {choice === "" ? t("admin.numbering.noDate") : choice.replace(/[{}]/g, "")}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div class="field">
              <label for={id("separator")}>{t("admin.numbering.separator")}</label>
              <input
                id={id("separator")}
                value={p().separator}
                maxLength={5}
                onInput={(e) => setPart("separator", e.currentTarget.value.replace(/[{}]/g, ""))}
              />
            </div>
            <div class="field">
              <label for={id("width")}>{t("admin.numbering.width")}</label>
              <input
                id={id("width")}
                type="number"
                min={1}
                max={12}
                value={p().width || ""}
                onInput={(e) =>
                  setPart("width", Math.min(12, Math.max(0, e.currentTarget.valueAsNumber || 0)))
                }
              />
            </div>
            <div class="field">
              <span class="label">{t("admin.numbering.reset")}</span>
              <output aria-label={t("admin.numbering.reset")}>
                {t(`admin.numbering.reset.${resetOf(pattern())}`)}
              </output>
            </div>
            <div class="field">
              <label>
                <input
                  type="checkbox"
                  checked={p().perOption}
                  disabled={props.state.prefixFields.length === 0}
                  onChange={(e) => setPart("perOption", e.currentTarget.checked)}
                />
                {t("admin.numbering.perOption")}
              </label>
            </div>
          </div>
        )}
      </Show>
      <Show when={usesPrefix()}>
        <fieldset>
          <legend>{t("admin.numbering.prefixes")}</legend>
          <div class="field">
            <label for={id("prefix-field")}>{t("admin.numbering.prefixField")}</label>
            <select id={id("prefix-field")} onChange={(e) => setPrefixField(e.currentTarget.value)}>
              <For each={props.state.prefixFields}>
                {(f) => (
                  <option value={f.field} selected={f.field === prefixField()}>
                    {label(f.field)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="field-rules">
            <For each={options()}>
              {(value) => (
                <div class="field">
                  <label for={id(`prefix-${value}`)}>
                    {t("admin.numbering.prefixFor", { option: option(prefixField(), value) })}
                  </label>
                  <input
                    id={id(`prefix-${value}`)}
                    maxLength={20}
                    value={prefixValues()[value] ?? ""}
                    onInput={(e) =>
                      setPrefixValues({
                        ...prefixValues(),
                        [value]: e.currentTarget.value.replace(/[{}]/g, ""),
                      })
                    }
                  />
                </div>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <div class="field">
        <label for={id("pattern")}>{t("admin.numbering.pattern")}</label>
        <input
          id={id("pattern")}
          value={pattern()}
          maxLength={60}
          aria-describedby={id("pattern-help")}
          onInput={(e) => setPattern(e.currentTarget.value)}
        />
        <span id={id("pattern-help")} class="muted">
          {t("admin.numbering.patternHelp", { tokens })}
        </span>
      </div>
      <div class="numbering-preview" aria-live="polite">
        <Show
          when={!previewError()}
          fallback={
            <p role="alert" class="error">
              {previewError()}
            </p>
          }
        >
          <h3>{t("admin.numbering.preview")}</h3>
          <ul class="plain" aria-label={t("admin.numbering.preview")}>
            <For each={preview()}>
              {(p) => (
                <li>
                  <Show when={preview().length > 1}>
                    {p.value === null
                      ? t("admin.numbering.withoutPrefix")
                      : option(prefixField(), p.value)}
                    {": "}
                  </Show>
                  <code>{p.number}</code>
                </li>
              )}
            </For>
          </ul>
          <Show when={!automatic()}>
            <p class="muted">{t("admin.numbering.typed")}</p>
          </Show>
        </Show>
      </div>
      <PageMessage message={message()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={saving()}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}
