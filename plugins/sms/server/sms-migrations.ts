import type { PluginMigration } from "../../../engine/plugins/plugin-api.ts";

/**
 * The plugin's tables in each company's schema: its settings, one row (id 1,
 * written only by sms-settings.ts), and its message log.
 */
export const smsMigrations: readonly PluginMigration[] = [
  {
    name: "001-settings",
    up: (db) =>
      db.schema
        .createTable("x_sms_settings")
        .ifNotExists()
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("api_key", "text")
        .addColumn("key_header", "text", (c) => c.notNull())
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("template", "text", (c) => c.notNull())
        .addColumn("signature", "text", (c) => c.notNull())
        .addColumn("daily_limit", "integer", (c) => c.notNull())
        .addColumn("recipient_daily_limit", "integer", (c) => c.notNull())
        .addColumn("tries", "integer", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull())
        .addColumn("updated_by", "text")
        .execute(),
  },
  {
    name: "002-message",
    up: (db) =>
      db.schema
        .createTable("x_sms_message")
        .ifNotExists()
        .addColumn("id", "uuid", (c) => c.primaryKey())
        .addColumn("seq", "bigint", (c) => c.notNull().generatedAlwaysAsIdentity())
        .addColumn("to", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("error", "text")
        .addColumn("tries", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_by", "text")
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull())
        .addColumn("sent_at", "timestamptz")
        .execute(),
  },
  {
    name: "003-message-indexes",
    up: async (db) => {
      await db.schema
        .createIndex("x_sms_message_seq")
        .ifNotExists()
        .on("x_sms_message")
        .column("seq")
        .execute();
      await db.schema
        .createIndex("x_sms_message_created")
        .ifNotExists()
        .on("x_sms_message")
        .column("created_at")
        .execute();
      await db.schema
        .createIndex("x_sms_message_to")
        .ifNotExists()
        .on("x_sms_message")
        .columns(["to", "created_at"])
        .execute();
    },
  },
];
