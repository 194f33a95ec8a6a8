/** A command given wrong arguments or input; its message says what to change. */
export class UsageError extends Error {}
