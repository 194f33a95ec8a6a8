import type { WidgetProps } from "../widget-props.ts";

/**
 * The options a picker offers: a retired option (the field's
 * `retiredOptions`) only to the record that already holds it, so that the
 * record shows and keeps it while no new entry chooses it.
 */
export function choosableOptions(props: Pick<WidgetProps, "field" | "record" | "name">): string[] {
  const retired = props.field.retiredOptions ?? [];
  const held = [props.record[props.name]].flat();
  return (props.field.options ?? []).filter((o) => !retired.includes(o) || held.includes(o));
}
