import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * The ajv configuration field values are validated with, everywhere: strict, all errors, standard
 * formats. `code` options only change how the code is emitted (the browser's precompiled validators).
 */
export function createAjv(options: Pick<Options, "code"> = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, ...options });
  addFormats(ajv);
  return ajv;
}
