import { tr, type Text } from "../i18n/text.ts";

/** A record that is not there, or not there for this user: the same words either way. */
export const noRecord = (entity: string | Text, id: string) =>
  tr("no {entity} with id {id}", { entity, id: id.slice(0, 40) });
