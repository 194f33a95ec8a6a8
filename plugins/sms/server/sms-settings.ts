import type { CompanyDb } from "../../../engine/plugins/plugin-api.ts";
import type { BodyFormat } from "./body-template.ts";

export const providerNames = ["test", "http"] as const;
/** `test` sends nothing (the log shows the message sent); `http` posts to the company's gateway. */
export type ProviderName = (typeof providerNames)[number];

/** A company's SMS settings, as its admins set them (settings-routes.ts). */
export interface SmsSettings {
  readonly provider: ProviderName;
  /** The HTTP gateway's address. */
  readonly url: string;
  /** The HTTP gateway's key: stored, sent to the gateway, never answered back. */
  readonly apiKey: string | null;
  /** The request header that carries the key ("" for none: the template has `{key}`). */
  readonly keyHeader: string;
  readonly format: BodyFormat;
  /** The HTTP gateway's request body, with `{to}` `{text}` `{sign}` `{key}` (body-template.ts). */
  readonly template: string;
  /** The sender's signature (签名), the gateway's `{sign}`. */
  readonly signature: string;
  /** Messages the company may send a day (in its time zone), failed ones not counted. */
  readonly dailyLimit: number;
  /** Messages one number may be sent a day. */
  readonly recipientDailyLimit: number;
  /** Tries of one message before it is marked failed. */
  readonly tries: number;
}

/** What a company starts from when an admin first saves its settings. */
export const defaultSettings: SmsSettings = {
  provider: "test",
  url: "",
  apiKey: null,
  keyHeader: "Authorization",
  format: "json",
  template: '{"to":"{to}","text":"{text}","sign":"{sign}"}',
  signature: "",
  dailyLimit: 1000,
  recipientDailyLimit: 10,
  tries: 3,
};

/** The settings as kept, and whether an admin ever saved them (until then nothing is sent). */
export interface StoredSettings {
  readonly settings: SmsSettings;
  readonly configured: boolean;
  readonly updatedAt: Date | null;
}

interface SettingsRow {
  provider: ProviderName;
  url: string;
  api_key: string | null;
  key_header: string;
  format: BodyFormat;
  template: string;
  signature: string;
  daily_limit: number;
  recipient_daily_limit: number;
  tries: number;
  updated_at: Date;
}

const settingsId = 1;

/**
 * The company's settings. `lock` holds its row until the transaction ends:
 * sends that count against the limits then take turns, so that two at once
 * cannot both take the last one.
 */
export async function readSettings(
  db: CompanyDb,
  options: { lock?: boolean } = {},
): Promise<StoredSettings> {
  let query = db.selectFrom("x_sms_settings").selectAll().where("id", "=", settingsId);
  if (options.lock) query = query.forUpdate();
  const row = (await query.executeTakeFirst()) as SettingsRow | undefined;
  if (!row) return { settings: defaultSettings, configured: false, updatedAt: null };
  return {
    settings: {
      provider: row.provider,
      url: row.url,
      apiKey: row.api_key,
      keyHeader: row.key_header,
      format: row.format,
      template: row.template,
      signature: row.signature,
      dailyLimit: row.daily_limit,
      recipientDailyLimit: row.recipient_daily_limit,
      tries: row.tries,
    },
    configured: true,
    updatedAt: row.updated_at,
  };
}

/** Writes the company's settings, whole. */
export async function saveSettings(
  db: CompanyDb,
  settings: SmsSettings,
  by: { userId: string } | undefined,
  at: Date,
): Promise<void> {
  const row = {
    provider: settings.provider,
    url: settings.url,
    api_key: settings.apiKey,
    key_header: settings.keyHeader,
    format: settings.format,
    template: settings.template,
    signature: settings.signature,
    daily_limit: settings.dailyLimit,
    recipient_daily_limit: settings.recipientDailyLimit,
    tries: settings.tries,
    updated_at: at,
    updated_by: by?.userId ?? null,
  };
  await db
    .insertInto("x_sms_settings")
    .values({ id: settingsId, ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
}
