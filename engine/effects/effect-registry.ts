import type { TSchema } from "@sinclair/typebox";
import { ApiError } from "../http/api-error.ts";
import { jsonChecker } from "../http/route-validator.ts";
import { tr, type Text } from "../i18n/text.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import type { EffectCall, EffectRun, ModuleEffect } from "./module-effects.ts";

/** An effect as designers see it. */
export interface EffectView {
  readonly name: string;
  readonly module: string;
  readonly description: Text;
  readonly params: TSchema;
}

interface Entry {
  readonly module: string;
  readonly effect: ModuleEffect;
  readonly check: (value: unknown) => void;
}

/**
 * Every installed module's effects under `<module>.<name>`, their parameter
 * schemas compiled once. Calling one checks that its module is on for the
 * company and its parameters are valid (a 400 naming the wrong one) before
 * it runs in the caller's transaction.
 */
export class EffectRegistry {
  readonly #byName = new Map<string, Entry>();

  constructor(
    modules: ModuleSet,
    private readonly services: Pick<EffectRun, "now" | "jobs">,
  ) {
    for (const module of modules.ordered)
      for (const effect of module.effects ?? [])
        this.#byName.set(`${module.key}.${effect.name}`, {
          module: module.key,
          effect,
          check: jsonChecker(effect.params),
        });
  }

  /** Every effect, for designers and the API document. */
  list(): EffectView[] {
    return [...this.#byName].map(([name, { module, effect }]) => ({
      name,
      module,
      description: effect.description,
      params: effect.params,
    }));
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  async call(name: string, call: EffectCall, params: unknown): Promise<unknown> {
    const entry = this.#byName.get(name);
    if (!entry)
      throw ApiError.notFound(
        tr('no effect "{effect}" is installed', { effect: name.slice(0, 100) }),
      );
    if (call.company.modulesOff.has(entry.module))
      throw ApiError.conflict(
        "module_off",
        tr(
          'the effect "{effect}" belongs to the module "{module}", which this company has switched off',
          {
            effect: name,
            module: entry.module,
          },
        ),
      );
    entry.check(params);
    return entry.effect.run({ ...call, ...this.services, effects: this }, params as never);
  }
}
