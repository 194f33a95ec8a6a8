import { tr, type Text } from "../../../engine/plugins/plugin-api.ts";
import { fillTemplate, requiredPlaceholders } from "./body-template.ts";
import { bareHost, privateAddressOf, privateGatewaysAllowed } from "./gateway-address.ts";
import type { SmsSettings } from "./sms-settings.ts";

/** A setting that cannot work, with why: the UI shows it on the field it names. */
export interface SettingProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: Text;
}

const sample = { to: "+8613800000000", text: 'a "text"\n', sign: "签名", key: "key" };

/**
 * What in a company's settings would keep the HTTP gateway from working:
 * checked when they are saved, so that a mistake shows to the admin who made
 * it, not later as failed messages. The test provider needs nothing.
 */
export async function checkSettings(settings: SmsSettings): Promise<SettingProblem[]> {
  if (settings.provider !== "http") return [];
  const problems: SettingProblem[] = [];
  const problem = (field: string, rule: string, message: Text) =>
    problems.push({ field, rule, message });
  let url: URL | undefined;
  try {
    url = new URL(settings.url);
  } catch {
    problem(
      "url",
      "required",
      tr("the HTTP gateway needs its address, such as https://sms.example.com/send"),
    );
  }
  if (url && url.protocol !== "http:" && url.protocol !== "https:")
    problem("url", "protocol", tr("the gateway's address must start with http:// or https://"));
  else if (url && !privateGatewaysAllowed()) {
    const host = bareHost(url);
    const address = await privateAddressOf(host).catch(() => null);
    if (address === null)
      problem("url", "host", tr("the gateway's host {host} cannot be found", { host }));
    else if (address !== undefined)
      problem(
        "url",
        "private",
        tr(
          "the gateway's address leads to {address}, on a private network, which this installation does not allow (SMS_PRIVATE_GATEWAYS)",
          { address },
        ),
      );
  }
  for (const placeholder of requiredPlaceholders)
    if (!settings.template.includes(placeholder))
      problem(
        "template",
        "placeholder",
        tr("the body template must contain {placeholder}", { placeholder }),
      );
  if (settings.format === "json")
    try {
      JSON.parse(fillTemplate(settings.template, "json", sample));
    } catch {
      problem(
        "template",
        "json",
        tr(
          "with its placeholders filled, the body template is not JSON: put each placeholder inside a string, as in {example}",
          {
            example: '{"mobile":"{to}","content":"{text}"}',
          },
        ),
      );
    }
  const keyNeeded = settings.keyHeader !== "" || settings.template.includes("{key}");
  if (keyNeeded && !settings.apiKey)
    problem("apiKey", "required", tr("the gateway's API key is not set"));
  return problems;
}
