import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { pickLocale, sourceLocale, type Locale } from "../../metadata/locale.ts";

interface LocaleState {
  /** The language the client asked for (Accept-Language), if it named one we speak. */
  asked: Locale | undefined;
  /** The company's language, once the request's company is known. */
  company: Locale | undefined;
}

const store = new AsyncLocalStorage<LocaleState>();

/**
 * The language of the request being answered: the one the client asked for
 * (the UI sends its current language), else its company's, else English.
 * Outside a request (logs, the CLI), English.
 */
export function currentLocale(): Locale {
  const state = store.getStore();
  return state?.asked ?? state?.company ?? sourceLocale;
}

/** Called once the request's company is known: its language answers clients that asked for none. */
export function useCompanyLocale(locale: Locale): void {
  const state = store.getStore();
  if (state) state.company = locale;
}

/**
 * Runs the rest of the request with its language at hand, so that every
 * message serialised into the answer (errors, per-record results) comes in
 * it without being passed down (`Text.toJSON`).
 */
export function requestLocale(): MiddlewareHandler {
  return function requestLocale(c, next) {
    return store.run(
      { asked: pickLocale(c.req.header("accept-language")), company: undefined },
      next,
    );
  };
}
