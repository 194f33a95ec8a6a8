/** A command given wrong arguments or input; its message says what to change. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Printed after the message, when the whole usage helps more than the message alone. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
