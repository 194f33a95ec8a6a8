import { ApiError } from "../http/api-error.ts";
import { tr, type Text } from "../i18n/text.ts";
import { HookRefusal } from "../records/record-hooks.ts";
import { QueryWallError } from "./query-wall.ts";

/**
 * How long a plugin's hook, route or effect may take: a hook holds its
 * record's write (and its locks) meanwhile. Jobs have their own timeout.
 */
export const pluginCallTimeoutMs = 10_000;

/**
 * Runs a plugin's code so that whatever it does fails only the call it was
 * made in: a refusal or an API error reaches the user as it is, anything
 * else (an exception, a statement the wall stopped, a timeout) becomes a 422
 * that names the plugin and why. The call is given a signal, aborted when
 * its time is up or it ends: its database handle (company-db.ts) then runs
 * nothing more and rolls back what it left open, so code still running
 * after its call failed cannot hold locks or write.
 */
export function runPluginCode(plugin: string) {
  return async <T>(
    call: (signal: AbortSignal) => T | Promise<T>,
    timeoutMs = pluginCallTimeoutMs,
  ): Promise<T> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const tooLong = () =>
      failed(plugin, tr("it took longer than {seconds} s", { seconds: timeoutMs / 1000 }));
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(tooLong()), timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => call(controller.signal)), late]);
    } catch (err) {
      if (err instanceof ApiError || err instanceof HookRefusal) throw err;
      if (err instanceof QueryWallError) throw failed(plugin, err.reason);
      // The statement's own timeout (company-db.ts) may end it before the timer on a busy machine.
      if ((err as { code?: unknown }).code === queryCanceled) throw tooLong();
      throw failed(
        plugin,
        err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300),
      );
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  };
}

/** PostgreSQL's code for a statement its statement_timeout cancelled. */
const queryCanceled = "57014";

const failed = (plugin: string, reason: string | Text) =>
  new ApiError(
    422,
    "plugin_failed",
    tr("the {plugin} plugin could not complete this: {reason}", {
      plugin,
      reason,
    }),
  );
