import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { searchFields } from "./search-data.ts";

/**
 * Bumped when what the search columns hold changes (the tokens, the pinyin
 * forms): every company's rows are then computed again after its next sync.
 */
const searchRevision = 1;

/**
 * What an entity's search data is computed from: its search fields and the
 * revision. Kept as the comment of `_search` once every row holds it.
 */
export const searchSignature = (def: EntityDefinition): string =>
  `${searchFields(def).join(",")}|${searchRevision}`;
