import { createResource, createSignal, For, Show } from "solid-js";
import {
  allows,
  api,
  ApiFailure,
  fieldLabel,
  formatInstant,
  meta,
  optionLabel,
  t,
  type PanelProps,
  type RecordData,
} from "../../../ui/src/plugins/plugin-sdk.ts";

const entries = "x_loyalty_entry";
/** The newest entries shown; the full ledger is the Points entries list. */
const shown = 20;

/**
 * A customer's points (积分): the balance, a form to add earned points or
 * redeem some with a reason, and the entries, newest first. The engine keeps
 * the ledger and the balance; a refusal (more redeemed than there is) comes
 * back as a field error and shows by its field.
 */
export function PointsPanel(props: PanelProps) {
  const entity = () => meta()!.entities[entries];
  const [kind, setKind] = createSignal<"earn" | "redeem">("earn");
  const [points, setPoints] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal("");
  const [saving, setSaving] = createSignal(false);
  const [history, { refetch }] = createResource(
    () => props.record.id,
    (customer) => {
      const params = new URLSearchParams({
        filter: JSON.stringify({ field: "customer", op: "eq", value: customer }),
        sort: "-createdAt",
        limit: String(shown),
      });
      return api<{ items: RecordData[]; total: number }>("GET", `/api/data/${entries}?${params}`);
    },
  );
  const label = (field: string) => fieldLabel(entity()!, field);
  const zone = () => meta()!.company.settings.timezone;

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblems({});
    setFailure("");
    setSaving(true);
    try {
      await api("POST", `/api/data/${entries}`, {
        customer: props.record.id,
        kind: kind(),
        points: Number(points()),
        reason: reason().trim(),
      });
      setPoints("");
      setReason("");
      void refetch();
      props.reload();
    } catch (err) {
      const fields = err instanceof ApiFailure ? err.fieldProblems : [];
      if (fields.length > 0)
        setProblems(Object.fromEntries(fields.map((p) => [p.field, p.message])));
      else setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const problem = (field: string) => problems()[field];
  return (
    <Show when={entity()}>
      <p class="loyalty-balance" aria-live="polite">
        {t("loyalty.balance", { points: String(props.record.x_loyalty_points ?? 0) })}
      </p>
      <Show when={allows(entity()!, "create")}>
        <form class="inline-form" aria-label={t("loyalty.addTitle")} onSubmit={add}>
          <select
            aria-label={label("kind")}
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as "earn" | "redeem")}
          >
            <option value="earn">{optionLabel(entity()!, "kind", "earn")}</option>
            <option value="redeem">{optionLabel(entity()!, "kind", "redeem")}</option>
          </select>
          <input
            type="number"
            min="1"
            step="1"
            required
            aria-label={label("points")}
            placeholder={label("points")}
            aria-invalid={problem("points") ? true : undefined}
            aria-describedby={problem("points") ? "loyalty-points-error" : undefined}
            value={points()}
            onInput={(e) => setPoints(e.currentTarget.value)}
          />
          <input
            required
            maxLength={200}
            aria-label={label("reason")}
            placeholder={label("reason")}
            aria-invalid={problem("reason") ? true : undefined}
            aria-describedby={problem("reason") ? "loyalty-reason-error" : undefined}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={saving()}>
            {t(kind() === "earn" ? "loyalty.earn" : "loyalty.redeem")}
          </button>
        </form>
        <For each={["points", "reason", "customer", "kind"].filter(problem)}>
          {(field) => (
            <p id={`loyalty-${field}-error`} class="error" role="alert">
              {`${label(field)}: ${problem(field)}`}
            </p>
          )}
        </For>
        <Show when={failure()}>
          <p class="banner" role="alert">
            {failure()}
          </p>
        </Show>
      </Show>
      <Show when={history.error}>
        <p class="banner" role="alert">
          {(history.error as Error).message}
        </p>
      </Show>
      <table class="records loyalty-entries">
        <caption class="visually-hidden">{t("loyalty.history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("loyalty.when")}</th>
            <th scope="col">{label("kind")}</th>
            <th scope="col" class="num">
              {label("points")}
            </th>
            <th scope="col">{label("reason")}</th>
            <th scope="col" class="num">
              {label("balanceAfter")}
            </th>
          </tr>
        </thead>
        <tbody>
          <Show when={history.latest?.items.length === 0}>
            <tr>
              <td colSpan={5} class="muted">
                {t("loyalty.none")}
              </td>
            </tr>
          </Show>
          <For each={history.latest?.items ?? []}>
            {(entry) => (
              <tr>
                <td>{formatInstant(String(entry.createdAt), zone())}</td>
                <td>{optionLabel(entity()!, "kind", String(entry.kind))}</td>
                <td class="num">{String(entry.points)}</td>
                <td>{String(entry.reason)}</td>
                <td class="num">{String(entry.balanceAfter ?? "")}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={(history.latest?.total ?? 0) > shown}>
        <p class="muted">{t("loyalty.more", { shown, total: history.latest!.total })}</p>
      </Show>
    </Show>
  );
}
