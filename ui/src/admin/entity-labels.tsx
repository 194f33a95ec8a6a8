import { createSignal, For, Show } from "solid-js";
import { locales } from "../../../metadata/locale.ts";
import type { Labels, Locale } from "../../../metadata/types.gen.ts";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { loadMeta } from "../api/meta-store.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { DesignerEntity, PerLocale } from "./designer-types.ts";
import { LocalizedHeader, LocalizedInputs } from "./localized-inputs.tsx";

type Texts = Partial<PerLocale<string>>;

/**
 * An entity's own names per language: singular, plural and each form
 * section's title. Only what changed is sent; a refusal shows at its input.
 */
export function EntityLabels(props: { entity: DesignerEntity; onSaved: () => void }) {
  const pick = (get: (l: Labels) => string | undefined): Texts =>
    Object.fromEntries(locales.map((l) => [l, get(props.entity.labels[l] ?? {}) ?? ""]));
  const rows = [
    { id: "entity", name: t("admin.designer.singular"), get: (l: Labels) => l.entity },
    { id: "plural", name: t("admin.designer.plural"), get: (l: Labels) => l.plural },
    ...props.entity.sections.map((s) => ({
      id: `sections/${s}`,
      name: t("admin.designer.section", { section: s }),
      get: (l: Labels) => l.sections?.[s],
    })),
  ];
  const initial = Object.fromEntries(rows.map((r) => [r.id, pick(r.get)]));
  const [texts, setTexts] = createSignal<Record<string, Texts>>(structuredClone(initial));
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblems({});
    setFailure(undefined);
    const change: Partial<Record<Locale, Labels>> = {};
    for (const r of rows)
      for (const l of locales) {
        const now = texts()[r.id]![l];
        if (!now || now === initial[r.id]![l]) continue;
        const labels = (change[l] ??= {});
        if (r.id.startsWith("sections/"))
          labels.sections = { ...labels.sections, [r.id.slice(9)]: now };
        else labels[r.id as "entity" | "plural"] = now;
      }
    if (Object.keys(change).length === 0) return props.onSaved();
    try {
      await api("PATCH", `/api/admin/entities/${props.entity.key}/labels`, change);
      await loadMeta();
      props.onSaved();
    } catch (err) {
      const placed = placeProblems(err);
      setProblems(placed);
      if (Object.keys(placed).length === 0) setFailure(errorText(err));
    }
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="entity-labels-title">
      <h2 id="entity-labels-title">{t("admin.designer.names")}</h2>
      <div class="localized-table">
        <LocalizedHeader first={t("admin.designer.text")} />
        <For each={rows}>
          {(r) => (
            <LocalizedInputs
              id={`el-${r.id.replace("/", "-")}`}
              name={r.name}
              values={texts()[r.id]!}
              onInput={(l, v) => setTexts((x) => ({ ...x, [r.id]: { ...x[r.id], [l]: v } }))}
              problems={{ "zh-CN": problems()[`${r.id}.zh-CN`], en: problems()[`${r.id}.en`] }}
            />
          )}
        </For>
      </div>
      <Show when={failure()}>
        <p role="alert" class="error">
          {failure()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="primary">
          {t("admin.designer.saveNames")}
        </button>
      </div>
    </form>
  );
}

/** `/entities/customer/labels/en/sections/basic` → `sections/basic.en`. */
function placeProblems(err: unknown): Record<string, string> {
  if (!(err instanceof ApiFailure)) return {};
  const problems = (err.details as { problems?: { pointer: string; rule: string }[] } | null)
    ?.problems;
  const out: Record<string, string> = {};
  for (const p of Array.isArray(problems) ? problems : []) {
    const [, , , part, l, ...rest] = p.pointer.split("/");
    if (part === "labels" && l && rest.length > 0) out[`${rest.join("/")}.${l}`] = p.rule;
  }
  for (const p of err.fieldProblems) {
    const [l, ...rest] = p.field.replace(/^\//, "").split(/[./]/);
    if (l && rest.length > 0) out[`${rest.join("/")}.${l}`] = p.message;
  }
  return out;
}
