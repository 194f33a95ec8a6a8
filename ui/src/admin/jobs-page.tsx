import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import { locale, t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import { AdminPager } from "./admin-pager.tsx";
import { jobStates, type JobView } from "./admin-types.ts";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

const pageSize = 50;
/** Characters of a job's data shown in its row; the whole is its tooltip. */
const dataShown = 120;

/** A job's data as `key: value` pairs, on one line. */
const dataText = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");

/**
 * The company's background jobs (GET /api/admin/jobs), newest first: which
 * queue, what it was queued with, its state, tries, why its last try failed,
 * and when; filtered by state, and a failed one queued again.
 */
export function JobsPage() {
  const [state, setState] = createSignal("");
  const [offset, setOffset] = createSignal(0);
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [jobs, { refetch }] = createResource(
    () =>
      `/api/admin/jobs?${state() ? `state=${state()}&` : ""}limit=${pageSize}&offset=${offset()}`,
    (url) => api<{ items: JobView[]; total: number }>("GET", url),
  );
  const data = () => (jobs.state === "errored" ? undefined : jobs.latest);
  const total = () => data()?.total ?? 0;
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(locale(), {
          timeZone: meta()!.company.settings.timezone,
          dateStyle: "short",
          timeStyle: "medium",
        }).format(new Date(iso))
      : t("common.none");

  const retry = async (job: JobView) => {
    setMessage(undefined);
    try {
      await api("POST", `/api/admin/jobs/${job.id}/retry`);
      setMessage({ text: t("admin.jobs.retried", { name: job.name }), error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    await refetch();
  };

  return (
    <section class="admin-page" aria-labelledby="jobs-title">
      <header class="page-header">
        <h1 id="jobs-title">{t("admin.menu.jobs")}</h1>
      </header>
      <p class="muted">{t("admin.jobs.intro", { company: meta()!.company.name })}</p>
      <div class="inline-form">
        <label for="jobs-state">{t("admin.jobs.state")}</label>
        <select
          id="jobs-state"
          value={state()}
          onChange={(e) => {
            setState(e.currentTarget.value);
            setOffset(0);
          }}
        >
          <option value="">{t("admin.jobs.anyState")}</option>
          <For each={jobStates}>
            {(s) => <option value={s}>{t(`admin.jobs.state.${s}`)}</option>}
          </For>
        </select>
        <button type="button" onClick={() => void refetch()}>
          {t("common.reload")}
        </button>
      </div>
      <PageMessage message={message()} />
      <Show when={jobs.state === "errored"}>
        <div class="banner" role="alert">
          {errorText(jobs.error)}
        </div>
      </Show>
      <div class="table-wrap" aria-busy={jobs.loading}>
        <table class="admin-table">
          <caption class="visually-hidden">{t("admin.menu.jobs")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.jobs.queue")}</th>
              <th scope="col">{t("admin.jobs.data")}</th>
              <th scope="col">{t("admin.jobs.state")}</th>
              <th scope="col">{t("admin.jobs.tries")}</th>
              <th scope="col">{t("admin.jobs.error")}</th>
              <th scope="col">{t("admin.jobs.created")}</th>
              <th scope="col">{t("admin.jobs.started")}</th>
              <th scope="col">{t("admin.jobs.completed")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("admin.jobs.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <Show when={data() && total() === 0}>
              <tr>
                <td colSpan={9} class="muted">
                  {t("admin.jobs.none")}
                </td>
              </tr>
            </Show>
            <For each={data()?.items ?? []}>
              {(job) => (
                <tr>
                  <td>{job.name}</td>
                  <td class="muted" title={dataText(job.data)}>
                    {dataText(job.data).length > dataShown
                      ? `${dataText(job.data).slice(0, dataShown)}…`
                      : dataText(job.data) || t("common.none")}
                  </td>
                  <td>{t(`admin.jobs.state.${job.state}`)}</td>
                  {/* Tries so far of the most it may take: the first and its retries. */}
                  <td>{`${job.retries + 1} / ${job.retryLimit + 1}`}</td>
                  <td class="job-error">{job.error ?? t("common.none")}</td>
                  <td class="nowrap">{when(job.createdAt)}</td>
                  <td class="nowrap">{when(job.startedAt)}</td>
                  <td class="nowrap">{when(job.completedAt)}</td>
                  <td>
                    <Show when={job.state === "failed"}>
                      <button
                        type="button"
                        aria-label={t("admin.jobs.retryJob", { name: job.name })}
                        onClick={() => void retry(job)}
                      >
                        {t("admin.jobs.retry")}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <AdminPager
        label={t("admin.jobs.pages")}
        totalText={t("admin.jobs.total", { total: total() })}
        total={total()}
        offset={offset()}
        pageSize={pageSize}
        onOffset={setOffset}
      />
    </section>
  );
}
