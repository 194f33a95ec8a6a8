import { httpGateway } from "./http-gateway.ts";
import type { SmsGateway } from "./sms-gateway.ts";
import type { ProviderName } from "./sms-settings.ts";
import { testGateway } from "./test-gateway.ts";

/** Each provider a company may choose, by its `provider` setting: one entry per gateway. */
export const gateways: Readonly<Record<ProviderName, SmsGateway>> = {
  test: testGateway,
  http: httpGateway,
};
