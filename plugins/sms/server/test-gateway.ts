import type { SmsGateway } from "./sms-gateway.ts";

/**
 * The `test` provider: sends nothing and takes every message, so that the
 * log shows it sent. For trying workflows and reminders before a gateway
 * is contracted, and for tests.
 */
export const testGateway: SmsGateway = {
  send: () => Promise.resolve({ sent: true }),
};
