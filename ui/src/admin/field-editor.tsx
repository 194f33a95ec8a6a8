import { createSignal, For, onMount, Show } from "solid-js";
import { locales } from "../../../metadata/locale.ts";
import type { Labels, Locale } from "../../../metadata/types.gen.ts";
import { api } from "../api/http.ts";
import { loadMeta } from "../api/meta-store.ts";
import { locale, t } from "../i18n/i18n.ts";
import type { Role } from "./admin-types.ts";
import { designerProblems } from "./designer-problems.ts";
import {
  jsonType,
  type DesignerEntity,
  type DesignerField,
  type FieldTypeEntry,
  type PerLocale,
  type TypeProperty,
} from "./designer-types.ts";
import { FieldUses } from "./field-uses.tsx";
import { FormFooter } from "./form-footer.tsx";
import { LocalizedHeader, LocalizedInputs } from "./localized-inputs.tsx";
import { OptionsEditor } from "./options-editor.tsx";
import { PropertyInput } from "./property-input.tsx";

type Texts = Partial<PerLocale<string>>;
/** Label maps the editor writes besides the field's name, keyed by the field. */
const labelMaps = ["help", "placeholders"] as const;

/**
 * Adds a company field or changes one: its names, help and placeholder per
 * language, the properties its type takes (GET /api/admin/field-types), its
 * options in order with their names. Properties that decide the column are
 * set once, when the field is added. Saving is one field change and, when
 * texts besides the name changed, one label change; the metadata store then
 * reloads, so the admin's own screens show it at once.
 */
export function FieldEditor(props: {
  entity: DesignerEntity;
  field: DesignerField | undefined;
  types: FieldTypeEntry[];
  entities: { key: string; name: string }[];
  roles: Role[];
  sectionName: (key: string) => string;
  fieldName: (entity: string, field: string) => string;
  onSaved: (key: string) => void;
  onCancel: () => void;
}) {
  const existing = props.field;
  const labelsOf = (l: Locale): Labels => props.entity.labels[l] ?? {};
  const perLocale = (pick: (l: Labels) => string | undefined): Texts =>
    Object.fromEntries(locales.map((l) => [l, pick(labelsOf(l)) ?? ""]));
  const initialProps: Record<string, unknown> = (() => {
    if (!existing) return {};
    const { type: _type, ...rest } = existing.definition;
    return rest;
  })();
  const key0 = existing?.key ?? "";
  const initialTexts = {
    name: perLocale((l) => l.fields?.[key0]),
    help: perLocale((l) => l.help?.[key0]),
    placeholders: perLocale((l) => l.placeholders?.[key0]),
  };
  const initialOptionTexts: Record<string, Texts> = Object.fromEntries(
    (existing?.definition.options ?? []).map((o) => [o, perLocale((l) => l.options?.[key0]?.[o])]),
  );

  const [key, setKey] = createSignal(key0 || "x_");
  const [type, setType] = createSignal(existing?.definition.type ?? "text");
  const [draft, setDraft] = createSignal<Record<string, unknown>>({ ...initialProps });
  const [texts, setTexts] = createSignal(structuredClone(initialTexts));
  const [optionTexts, setOptionTexts] = createSignal(structuredClone(initialOptionTexts));
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [saving, setSaving] = createSignal(false);

  // Opened from a row far below, the editor comes into view with the keyboard in it.
  let form: HTMLFormElement | undefined;
  onMount(() => {
    form?.scrollIntoView({ block: "start" });
    form?.querySelector<HTMLInputElement>("input:not(:disabled)")?.focus({ preventScroll: true });
  });

  const typeEntry = () => props.types.find((t) => t.key === type());
  // filterBy names fields of two entities: left to the API for now.
  const shown = () => (typeEntry()?.properties ?? []).filter((p) => p.key !== "filterBy");
  const flags = () =>
    shown().filter((p) => jsonType(p.schema) === "boolean" && p.key !== "default");
  const others = () =>
    shown().filter(
      (p) => !(jsonType(p.schema) === "boolean" && p.key !== "default") && p.key !== "options",
    );
  const takesOptions = () => shown().some((p) => p.key === "options");
  const options = () => (draft().options as string[] | undefined) ?? [];
  const set = (k: string, v: unknown) =>
    setDraft((d) => {
      const next = { ...d };
      if (v === undefined) delete next[k];
      else next[k] = v;
      return next;
    });
  const setText = (map: keyof typeof initialTexts, l: Locale, v: string) =>
    setTexts((x) => ({ ...x, [map]: { ...x[map], [l]: v } }));

  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changedProps = () =>
    shown()
      .map((p) => p.key)
      .filter((k) => draft()[k] !== undefined && !same(draft()[k], initialProps[k]));
  const changedTexts = (now: Texts, before: Texts): Texts =>
    Object.fromEntries(
      locales.filter((l) => now[l] && now[l] !== before[l]).map((l) => [l, now[l]]),
    );

  /** The label change besides the name: help, placeholder and option names that changed. */
  const labelChange = (field: string) => {
    const change: Partial<Record<Locale, Labels>> = {};
    const put = (l: Locale, patch: Labels) => (change[l] = { ...change[l], ...patch });
    for (const map of labelMaps)
      for (const [l, v] of Object.entries(changedTexts(texts()[map], initialTexts[map])))
        put(l as Locale, { [map]: { ...change[l as Locale]?.[map], [field]: v } });
    for (const [option, now] of Object.entries(optionTexts()))
      for (const [l, v] of Object.entries(changedTexts(now, initialOptionTexts[option] ?? {}))) {
        const current = change[l as Locale]?.options?.[field] ?? {};
        put(l as Locale, { options: { [field]: { ...current, [option]: v! } } });
      }
    return Object.keys(change).length > 0 ? change : undefined;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblems({});
    const field = key().trim();
    const base = `/api/admin/entities/${props.entity.key}`;
    const names = changedTexts(texts().name, initialTexts.name);
    const changed = changedProps();
    setSaving(true);
    try {
      const props_ = Object.fromEntries(changed.map((k) => [k, draft()[k]]));
      const withNames = Object.keys(names).length > 0 ? { labels: names } : {};
      if (!existing) {
        await api("POST", `${base}/fields`, { key: field, type: type(), ...props_, ...withNames });
      } else if (changed.length > 0 || Object.keys(names).length > 0) {
        await api("PATCH", `${base}/fields/${field}`, { ...props_, ...withNames });
      }
      const labels = labelChange(field);
      if (labels) await api("PATCH", `${base}/labels`, labels);
      await loadMeta();
      props.onSaved(field);
    } catch (err) {
      setProblems(designerProblems(err, field, changed));
    } finally {
      setSaving(false);
    }
  };

  const propertyInput = (p: TypeProperty) => (
    <PropertyInput
      id={`fd-${p.key}`}
      property={p}
      value={draft()[p.key]}
      onChange={(v) => set(p.key, v)}
      problem={problems()[p.key]}
      disabled={!!existing && p.fixed}
      entities={props.entities}
      valueType={typeEntry()?.valueType ?? null}
      options={
        takesOptions()
          ? options().map((o) => ({ value: o, label: optionTexts()[o]?.[locale()] || o }))
          : undefined
      }
    />
  );
  const textProblems = (map: string) => ({
    "zh-CN": problems()[`${map}.zh-CN`],
    en: problems()[`${map}.en`],
  });

  return (
    <form
      ref={form}
      class="panel field-editor"
      onSubmit={submit}
      aria-labelledby="field-editor-title"
      aria-busy={saving()}
    >
      <h2 id="field-editor-title">
        {existing
          ? t("admin.designer.editField", { name: props.fieldName(props.entity.key, existing.key) })
          : t("admin.designer.newField")}
      </h2>
      <div class="form-grid">
        <div class="field" classList={{ invalid: !!problems().key }}>
          <label for="fd-key">{t("admin.designer.key")}</label>
          <input
            id="fd-key"
            class="mono"
            value={key()}
            disabled={!!existing}
            maxLength={48}
            aria-invalid={!!problems().key || undefined}
            aria-describedby={problems().key ? "fd-key-error" : "fd-key-help"}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
          <Show
            when={problems().key}
            fallback={
              <Show when={!existing}>
                <span id="fd-key-help" class="help">
                  {t("admin.designer.keyHelp")}
                </span>
              </Show>
            }
          >
            <span id="fd-key-error" class="error">
              {problems().key}
            </span>
          </Show>
        </div>
        <div class="field" classList={{ invalid: !!problems().type }}>
          <label for="fd-type">{t("admin.designer.type")}</label>
          <select
            id="fd-type"
            disabled={!!existing}
            aria-invalid={!!problems().type || undefined}
            onChange={(e) => {
              setType(e.currentTarget.value);
              const allowed = new Set(typeEntry()?.properties.map((p) => p.key));
              setDraft((d) =>
                Object.fromEntries(Object.entries(d).filter(([k]) => allowed.has(k))),
              );
            }}
          >
            <For each={props.types}>
              {(ty) => (
                <option value={ty.key} selected={ty.key === type()}>
                  {ty.labels[locale()]}
                </option>
              )}
            </For>
          </select>
          <Show when={problems().type}>
            <span class="error">{problems().type}</span>
          </Show>
        </div>
      </div>
      <div class="localized-table">
        <LocalizedHeader first={t("admin.designer.text")} />
        <LocalizedInputs
          id="fd-name"
          name={t("admin.designer.fieldName")}
          values={texts().name}
          onInput={(l, v) => setText("name", l, v)}
          problems={textProblems("labels")}
        />
        <LocalizedInputs
          id="fd-help"
          name={t("admin.designer.help")}
          maxLength={200}
          values={texts().help}
          onInput={(l, v) => setText("help", l, v)}
          problems={textProblems("help")}
        />
        <LocalizedInputs
          id="fd-placeholder"
          name={t("admin.designer.placeholder")}
          values={texts().placeholders}
          onInput={(l, v) => setText("placeholders", l, v)}
          problems={textProblems("placeholders")}
        />
      </div>
      <div class="form-grid">
        <For each={others()}>{propertyInput}</For>
      </div>
      <div class="choice-group">
        <For each={flags()}>{propertyInput}</For>
      </div>
      <Show when={takesOptions()}>
        <OptionsEditor
          id="fd-options"
          options={options()}
          kept={(initialProps.options as string[] | undefined) ?? []}
          labels={optionTexts()}
          pattern={shown().find((p) => p.key === "options")?.schema.items?.pattern}
          problem={problems().options}
          problems={problems()}
          onChange={(next) => set("options", next.length > 0 ? next : undefined)}
          onLabel={(option, l, v) =>
            setOptionTexts((x) => ({ ...x, [option]: { ...x[option], [l]: v } }))
          }
        />
      </Show>
      <Show when={existing}>
        {(f) => (
          <FieldUses
            entity={props.entity.key}
            field={f().key}
            uses={f().uses}
            roles={props.roles}
            sectionName={props.sectionName}
            fieldName={props.fieldName}
          />
        )}
      </Show>
      <FormFooter failure={problems()._} onCancel={() => props.onCancel()} />
    </form>
  );
}
