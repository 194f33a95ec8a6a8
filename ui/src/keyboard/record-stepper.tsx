import { t } from "../i18n/i18n.ts";
import { navigate } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import { neighbour } from "./record-order.ts";

/** Previous / next record in the list's order: the buttons behind k and j (Alt+↑/↓). */
export function RecordStepper(props: { entity: string; id: string }) {
  const step = (by: 1 | -1) => neighbour(props.entity, props.id, by);
  const go = (by: 1 | -1) => {
    const id = step(by);
    if (id) navigate(paths.detail(props.entity, id));
  };
  return (
    <>
      <button
        type="button"
        aria-label={t("tools.previousRecord")}
        title={`${t("tools.previousRecord")} (k)`}
        disabled={!step(-1)}
        onClick={() => go(-1)}
      >
        ‹
      </button>
      <button
        type="button"
        aria-label={t("tools.nextRecord")}
        title={`${t("tools.nextRecord")} (j)`}
        disabled={!step(1)}
        onClick={() => go(1)}
      >
        ›
      </button>
    </>
  );
}
