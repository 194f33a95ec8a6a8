import { createSignal } from "solid-js";
import { api, onMetaVersion } from "./http.ts";
import type { MetaView } from "../../../metadata/types.gen.ts";
import type { FieldTypes } from "./meta-types.ts";
import { loadValidators, type ValidateFn } from "./validators.ts";

const [meta, setMeta] = createSignal<MetaView>();
const [validators, setValidators] = createSignal<Record<string, ValidateFn>>({});
const [fieldTypes, setFieldTypes] = createSignal<FieldTypes>({});
let loading: Promise<void> | undefined;

/** This user's effective metadata: modules, entities, fields, layouts, labels, actions. */
export { meta, validators, fieldTypes };

/** Fetches /api/meta, the validators and the field types; concurrent callers share one load. */
export function loadMeta(): Promise<void> {
  loading ??= (async () => {
    try {
      const [view, types] = await Promise.all([
        api<MetaView>("GET", "/api/meta"),
        api<FieldTypes>("GET", "/api/meta/field-types"),
      ]);
      const compiled = await loadValidators(view.version);
      setFieldTypes(types);
      setValidators(compiled);
      setMeta(view);
    } finally {
      loading = undefined;
    }
  })();
  return loading;
}

/** Resolves when no reload is under way: screens wait for it before rendering. */
export const metaSettled = () => loading ?? Promise.resolve();

export function clearMeta() {
  setMeta(undefined);
}

// An answer from a newer metadata version (an admin added a field, a role changed): reload.
onMetaVersion((version) => {
  const current = meta();
  if (current && current.version !== version && !loading) void loadMeta();
});
