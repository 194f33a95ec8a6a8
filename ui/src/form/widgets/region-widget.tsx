import { createResource, For, Index, Show } from "solid-js";
import { t, type MessageKey } from "../../i18n/i18n.ts";
import { loadRegions, regionPath, type Region } from "../../regions/region-data.ts";
import type { WidgetProps } from "../widget-props.ts";

const levelNames: MessageKey[] = ["region.province", "region.city", "region.county"];

/**
 * A region picked level by level: province, then its cities, then their
 * counties (a municipality's districts come right after it). Each level is a
 * native select, so the keyboard and screen readers work as everywhere; the
 * deepest choice is the value, and a province alone is a valid one. The
 * divisions are fetched when the first region field shows.
 */
export function RegionWidget(props: WidgetProps) {
  const [tree] = createResource(loadRegions);
  const code = () => (typeof props.value === "string" ? props.value : "");
  const levels = () => {
    const regions = tree.state === "ready" ? tree() : undefined;
    if (!regions) return [];
    const path = regionPath(regions, code());
    const shown: { options: Region[]; chosen: Region | undefined }[] = [
      { options: regions, chosen: path[0] },
    ];
    for (let i = 0; i < path.length && path[i]!.children; i++)
      shown.push({ options: path[i]!.children!, chosen: path[i + 1] });
    return shown;
  };
  const choose = (level: number, value: string) => {
    // Emptying a level leaves the level above as the value.
    const above = levels()[level - 1]?.chosen?.code ?? null;
    props.onChange(value === "" ? above : value);
  };
  // A municipality's districts follow it directly: a level of leaves is named as counties.
  const name = (level: number, options?: Region[]) =>
    `${props.label} – ${t(levelNames[level === 0 ? 0 : options?.some((r) => r.children) ? 1 : 2]!)}`;

  return (
    <div
      role="group"
      class="region-picker"
      aria-labelledby={props.labelId || undefined}
      aria-label={props.labelId ? undefined : props.label}
      aria-describedby={props.describedBy}
      aria-busy={tree.loading}
    >
      <Show
        when={tree.state === "ready"}
        fallback={
          <Show
            when={tree.error}
            fallback={
              <select id={props.id} disabled aria-label={name(0)}>
                <option>{props.record._display?.[props.name] ?? t("common.loading")}</option>
              </select>
            }
          >
            <span class="error" role="alert">
              {t("region.failed")}
            </span>
          </Show>
        }
      >
        {/* By position: a choice re-renders the levels, and the focused select must stay. */}
        <Index each={levels()}>
          {(level, i) => (
            <select
              id={i === 0 ? props.id : `${props.id}-${i}`}
              name={i === 0 ? props.name : undefined}
              aria-label={name(i, level().options)}
              aria-invalid={props.invalid || undefined}
              aria-required={(i === 0 && props.field.required) || undefined}
              disabled={props.readOnly}
              onChange={(e) => choose(i, e.currentTarget.value)}
            >
              <option value="" selected={!level().chosen}>
                {i === 0 && props.field.required ? "" : t("common.none")}
              </option>
              <For each={level().options}>
                {(region) => (
                  <option value={region.code} selected={level().chosen?.code === region.code}>
                    {region.name}
                  </option>
                )}
              </For>
            </select>
          )}
        </Index>
      </Show>
    </div>
  );
}
