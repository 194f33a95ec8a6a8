import { createSignal, For, onMount, Show } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import { entityLabel, locale, messageIn, t } from "../i18n/i18n.ts";
import { locales, type Locale } from "../../../metadata/locale.ts";
import { errorText } from "./admin-error.ts";

type Names = Record<Locale, { entity: string; plural: string; title: string }>;

/**
 * A company's own entity (合同附件, 竞争产品) made without code: its key, its
 * names in every language, the module whose menu shows it, its title field,
 * and optionally a link to an existing entity, whose records then list it on
 * their pages. More fields are added afterwards like any entity's.
 */
export function NewEntityDialog(props: { onClose: (created: string | undefined) => void }) {
  let dialog!: HTMLDialogElement;
  const modules = () => meta()!.modules;
  const [key, setKey] = createSignal("x_");
  const [module, setModule] = createSignal(modules()[0]?.key ?? "");
  const [linkTo, setLinkTo] = createSignal("");
  const [names, setNames] = createSignal<Names>(
    Object.fromEntries(
      locales.map((l) => [
        l,
        { entity: "", plural: "", title: messageIn(l, "admin.newEntity.nameField") },
      ]),
    ) as Names,
  );
  const [message, setMessage] = createSignal("");
  let created: string | undefined;
  onMount(() => dialog.showModal());

  const name = (l: Locale, part: keyof Names[Locale], value: string) =>
    setNames({ ...names(), [l]: { ...names()[l], [part]: value } });
  const targets = () =>
    Object.values(meta()!.entities).sort((a, b) =>
      entityLabel(a).localeCompare(entityLabel(b), locale()),
    );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const link = linkTo();
    // A field key is camelCase, or x_… like the company's own entity it may point at.
    const linkField = link.startsWith("x_")
      ? link
      : link.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const fields: Record<string, unknown> = {
      name: { type: "text", required: true, maxLength: 200 },
      ...(link ? { [linkField]: { type: "reference", entity: link } } : {}),
    };
    const labels = Object.fromEntries(
      locales.map((l) => {
        const n = names()[l];
        const target = link ? meta()!.entities[link]!.labels[l]?.entity : undefined;
        return [
          l,
          {
            entity: n.entity.trim(),
            // One name is enough where a language has no plural (中文).
            plural: n.plural.trim() || n.entity.trim(),
            fields: { name: n.title.trim(), ...(link && target ? { [linkField]: target } : {}) },
          },
        ];
      }),
    );
    try {
      await api("POST", "/api/admin/entities", {
        key: key(),
        module: module(),
        titleField: "name",
        fields,
        labels,
      });
      created = key();
      dialog.close();
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="new-entity-title" onClose={() => props.onClose(created)}>
      <form onSubmit={submit} class="stack new-entity">
        <h2 id="new-entity-title">{t("admin.newEntity.newTitle")}</h2>
        <label for="new-entity-key">{t("admin.newEntity.key")}</label>
        <input
          id="new-entity-key"
          required
          pattern="x_[a-z][a-z0-9_]{0,37}"
          value={key()}
          aria-describedby="new-entity-key-help"
          onInput={(e) => setKey(e.currentTarget.value.trim())}
        />
        <p id="new-entity-key-help" class="muted">
          {t("admin.newEntity.keyHelp")}
        </p>
        <For each={locales}>
          {(l) => (
            <fieldset>
              <legend>{messageIn(l, "shell.languageName")}</legend>
              <label for={`new-entity-name-${l}`}>{t("admin.newEntity.name")}</label>
              <input
                id={`new-entity-name-${l}`}
                required
                maxLength={200}
                lang={l}
                value={names()[l].entity}
                onInput={(e) => name(l, "entity", e.currentTarget.value)}
              />
              <label for={`new-entity-plural-${l}`}>{t("admin.newEntity.plural")}</label>
              <input
                id={`new-entity-plural-${l}`}
                maxLength={200}
                lang={l}
                value={names()[l].plural}
                placeholder={names()[l].entity}
                onInput={(e) => name(l, "plural", e.currentTarget.value)}
              />
              <label for={`new-entity-title-${l}`}>{t("admin.newEntity.titleField")}</label>
              <input
                id={`new-entity-title-${l}`}
                required
                maxLength={200}
                lang={l}
                value={names()[l].title}
                onInput={(e) => name(l, "title", e.currentTarget.value)}
              />
            </fieldset>
          )}
        </For>
        <label for="new-entity-module">{t("admin.newEntity.module")}</label>
        <select
          id="new-entity-module"
          value={module()}
          onChange={(e) => setModule(e.currentTarget.value)}
        >
          <For each={modules()}>{(m) => <option value={m.key}>{m.labels[locale()]}</option>}</For>
        </select>
        <label for="new-entity-link">{t("admin.newEntity.linkTo")}</label>
        <select
          id="new-entity-link"
          value={linkTo()}
          aria-describedby="new-entity-link-help"
          onChange={(e) => setLinkTo(e.currentTarget.value)}
        >
          <option value="">{t("common.none")}</option>
          <For each={targets()}>{(e) => <option value={e.key}>{entityLabel(e)}</option>}</For>
        </select>
        <p id="new-entity-link-help" class="muted">
          {t("admin.newEntity.linkHelp")}
        </p>
        <Show when={message()}>
          <p role="alert" class="error">
            {message()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="primary">
            {t("admin.newEntity.create")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
