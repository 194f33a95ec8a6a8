import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { meta, validators } from "../api/meta-store.ts";
import type { RecordData } from "../api/meta-types.ts";
import { allows } from "../api/entity-actions.ts";
import { entityLabel, t } from "../i18n/i18n.ts";
import { guardLeaving, navigate, query } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import { createDuplicateCheck, hasDuplicates } from "./duplicate-check.ts";
import { DuplicateNotice } from "./duplicate-notice.tsx";
import { FormRenderer } from "./form-renderer.tsx";
import { serverProblems, validateRecord } from "./validate-record.ts";

const empty = (v: unknown) => v === null || v === undefined || v === "";
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Creating or editing one record. The browser checks the payload with the
 * server's precompiled schema first; the server's 400 problems land on their
 * fields; a 409 (someone saved in between) offers to reload; leaving with
 * unsaved changes asks first.
 */
export function FormPage(props: { entity: string; id?: string }) {
  const entity = () => meta()!.entities[props.entity]!;
  const [record, setRecord] = createSignal<RecordData>({});
  const [values, setValues] = createSignal<Record<string, unknown>>({});
  const [initial, setInitial] = createSignal<Record<string, unknown>>({});
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [banner, setBanner] = createSignal<{ text: string; stale?: boolean; anyway?: boolean }>();
  const [saving, setSaving] = createSignal(false);
  const duplicates = createDuplicateCheck(
    () => props.entity,
    () => props.id,
    values,
    initial,
  );
  // The company blocks duplicates: saving waits until the identifying values are another record's no more.
  const blocked = () => duplicates().mode === "block" && hasDuplicates(duplicates());
  let saveAnyway = false;
  let formElement: HTMLFormElement | undefined;

  const isReadOnly = (name: string) =>
    !!entity().fields[name]?.readOnly ||
    !!(entity().form[name] as { "ui:readonly"?: boolean } | undefined)?.["ui:readonly"] ||
    entity().numbering?.field === name ||
    !allows(entity(), props.id ? "update" : "create");
  const writable = () => Object.keys(entity().fields).filter((n) => !isReadOnly(n));
  const changed = () => writable().filter((n) => !same(values()[n], initial()[n]));
  onCleanup(guardLeaving(() => changed().length > 0));

  const load = async () => {
    setErrors({});
    setBanner(undefined);
    if (props.id) {
      const r = await api<RecordData>("GET", `/api/data/${props.entity}/${props.id}`).catch(fail);
      if (!r) return;
      setRecord(r);
      setValues({ ...r });
      setInitial({ ...r });
      return;
    }
    const start: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(entity().fields)) {
      if (field.default !== undefined) start[name] = field.default;
    }
    // "New related record": the link to the parent comes in the query.
    for (const [name, value] of query()) if (entity().fields[name]) start[name] = value;
    setRecord({});
    setValues(start);
    // Defaults and the prefilled link are not the user's changes: leaving asks only after typing.
    setInitial({ ...start });
  };
  onMount(load);
  // Keyboard first (X3): the form opens with the first field ready for typing.
  onMount(() =>
    queueMicrotask(() =>
      document
        .querySelector<HTMLElement>(
          ".form-page .field :is(input, select, textarea):not([readonly], [disabled])",
        )
        ?.focus(),
    ),
  );

  const fail = (err: unknown): undefined => {
    if (!(err instanceof ApiFailure)) throw err;
    if (err.status === 400 && err.fieldProblems.length) {
      setErrors(serverProblems(err.fieldProblems));
      setBanner({ text: t("form.invalid") });
      focusFirstError();
    } else if (err.status === 409 && err.code === "stale") {
      setBanner({ text: t("form.stale"), stale: true });
    } else if (err.status === 409 && err.fieldProblems.length) {
      setErrors(serverProblems(err.fieldProblems));
      setBanner({ text: err.message });
    } else if (err.status === 403) setBanner({ text: `${t("error.forbidden")} ${err.message}` });
    else if (err.status === 404) setBanner({ text: t("error.notFound") });
    else setBanner({ text: t("error.generic", { message: err.message }) });
    return undefined;
  };

  const focusFirstError = () =>
    queueMicrotask(() =>
      (
        document.querySelector(
          ".field.invalid input, .field.invalid select, .field.invalid textarea",
        ) as HTMLElement | null
      )?.focus(),
    );

  const payload = () => {
    const out: Record<string, unknown> = {};
    for (const name of props.id ? changed() : writable()) {
      const v = values()[name];
      if (props.id) out[name] = empty(v) ? null : v;
      else if (!empty(v)) out[name] = v;
    }
    return out;
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (blocked()) return setBanner({ text: t("form.duplicatesBlock") });
    // Warned of possible duplicates: the user saves anyway only on purpose.
    if (hasDuplicates(duplicates()) && !saveAnyway)
      return setBanner({ text: t("form.duplicatesConfirm"), anyway: true });
    saveAnyway = false;
    const body = payload();
    const problems = validateRecord(
      entity(),
      validators()[props.entity],
      body,
      !props.id,
      writable(),
    );
    setErrors(problems);
    if (Object.keys(problems).length) {
      setBanner({ text: t("form.invalid") });
      return focusFirstError();
    }
    setSaving(true);
    const saved = await (
      props.id
        ? api<RecordData>("PATCH", `/api/data/${props.entity}/${props.id}`, body, {
            "If-Match": `"${String(record().version)}"`,
          })
        : api<RecordData>("POST", `/api/data/${props.entity}`, body)
    )
      .catch(fail)
      .finally(() => setSaving(false));
    if (!saved) return;
    setInitial({ ...values() });
    navigate(paths.detail(props.entity, String(saved.id)), { replace: !props.id, force: true });
  };

  const cancel = () =>
    navigate(props.id ? paths.detail(props.entity, props.id) : paths.list(props.entity));

  return (
    <form
      ref={formElement}
      class="form-page"
      onSubmit={save}
      novalidate
      aria-labelledby="form-title"
    >
      <header class="page-header">
        <h1 id="form-title">
          {t(props.id ? "form.edit" : "form.new", { entity: entityLabel(entity()) })}
        </h1>
        <div class="actions">
          <button type="button" onClick={cancel}>
            {t("common.cancel")}
          </button>
          <Show when={allows(entity(), props.id ? "update" : "create")}>
            <button
              type="submit"
              class="primary"
              disabled={saving() || blocked()}
              title={blocked() ? t("form.duplicatesBlock") : undefined}
            >
              {t("common.save")}
            </button>
          </Show>
        </div>
      </header>
      <Show when={banner()}>
        <div class="banner" role="alert">
          {banner()!.text}
          <Show when={banner()!.anyway}>
            {" "}
            <button
              type="button"
              onClick={() => {
                saveAnyway = true;
                formElement?.requestSubmit();
              }}
            >
              {t("form.saveAnyway")}
            </button>
          </Show>
          <Show when={banner()!.stale}>
            {" "}
            <button type="button" onClick={load}>
              {t("form.staleReload")}
            </button>
          </Show>
        </div>
      </Show>
      <DuplicateNotice entity={props.entity} answer={duplicates()} />
      <FormRenderer
        entity={entity()}
        record={record()}
        values={values()}
        onChange={(name, value) => {
          setValues({ ...values(), [name]: value });
          // A field's error goes once the user changes it; the next save judges it again.
          if (errors()[name])
            setErrors(Object.fromEntries(Object.entries(errors()).filter(([f]) => f !== name)));
        }}
        isReadOnly={isReadOnly}
        errors={errors()}
      />
    </form>
  );
}
