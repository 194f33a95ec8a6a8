import type { SendFailure } from "./send-failure.ts";
import type { SmsSettings } from "./sms-settings.ts";

/** One message as a gateway is asked to send it. */
export interface OutgoingSms {
  readonly to: string;
  readonly text: string;
}

/** Whether a gateway took the message; why not, when it did not. */
export type SendOutcome =
  { readonly sent: true } | { readonly sent: false; readonly failure: SendFailure };

/**
 * A way of sending text messages, chosen by a company's `provider` setting
 * (gateways.ts). A gateway answers with an outcome instead of throwing, so
 * that the send job can tell a failure worth retrying from a final one.
 */
export interface SmsGateway {
  send(message: OutgoingSms, settings: SmsSettings): Promise<SendOutcome>;
}
