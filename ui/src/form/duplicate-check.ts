import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import type { RecordData } from "../api/meta-types.ts";

/** What the engine answers about a form's possible duplicates. */
export interface DuplicateAnswer {
  mode: "off" | "warn" | "block";
  duplicates: { id: string; record: RecordData; fields: string[] }[];
  hidden: number;
}

/** Typing pauses this long before the engine is asked. */
const debounceMs = 400;

/** How long a failed question waits before it is asked again. */
const retryMs = 1000;

const none: DuplicateAnswer = { mode: "off", duplicates: [], hidden: 0 };

/**
 * The possible duplicates of the record being entered, asked of the engine
 * (`POST /api/data/:entity/duplicates`) once the user stops typing in one of
 * the entity's duplicate fields (on an edit, once one of them differs from
 * the record as loaded); an answer that arrives after newer values
 * were sent is dropped. Nothing is asked when the company checks nothing.
 */
export function createDuplicateCheck(
  entity: Accessor<string>,
  id: Accessor<string | undefined>,
  values: Accessor<Record<string, unknown>>,
  initial: Accessor<Record<string, unknown>>,
): Accessor<DuplicateAnswer> {
  const [answer, setAnswer] = createSignal<DuplicateAnswer>(none);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const watched = () => {
    const view = meta()?.entities[entity()];
    const check = view?.duplicateCheck;
    if (!check || meta()?.options.duplicateCheck === false) return undefined;
    // An edit that leaves the identifying values as they were duplicates nothing new.
    if (id() && check.fields.every((f) => (values()[f] ?? null) === (initial()[f] ?? null)))
      return undefined;
    const picked: Record<string, string> = {};
    for (const field of check.fields) {
      const value = values()[field];
      if (typeof value === "string" && value.trim() !== "") picked[field] = value;
    }
    return JSON.stringify(picked);
  };
  createEffect(() => {
    const key = watched();
    clearTimeout(timer);
    const ask = ++asked;
    if (key === undefined || key === "{}") return setAnswer(none);
    const body = {
      values: JSON.parse(key) as Record<string, string>,
      ...(id() ? { except: id() } : {}),
    };
    // A failed answer (the company reloading after an admin's change) is asked once more:
    // a check that silently answered nothing would let a blocked duplicate look saveable.
    const send = (tries: number) =>
      api<DuplicateAnswer>("POST", `/api/data/${entity()}/duplicates`, body)
        .then((found) => ask === asked && setAnswer(found))
        .catch(() => {
          if (ask !== asked) return;
          if (tries > 0) timer = setTimeout(() => void send(tries - 1), retryMs);
          else setAnswer(none);
        });
    timer = setTimeout(() => void send(1), debounceMs);
  });
  return answer;
}

/** Whether an answer names any record, seen or not. */
export const hasDuplicates = (answer: DuplicateAnswer) =>
  answer.duplicates.length > 0 || answer.hidden > 0;
