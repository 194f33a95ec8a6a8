import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { bootEngine } from "./boot.ts";
import { readConfig } from "./config.ts";
import { DataDirLockedError, lockDataDir, type DataDirLock } from "./db/data-dir-lock.ts";
import { demoLogin, seedDemo } from "./demo/seed-demo.ts";
import { MetadataInvalidError } from "./metadata/metadata-error.ts";
import { recordDeps, withServices } from "./module-services.ts";

const config = readConfig();
let lock: DataDirLock | undefined;
try {
  if (config.database.kind === "pglite") lock = await lockDataDir(config.dataDir, "the server");
  const started = Date.now();
  const deps = await bootEngine({
    database: config.database,
    secureCookies: config.secureCookies,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    sessionPolicy: config.session,
    passwordHashing: config.passwordHashing,
    jobWorkers: config.jobWorkers,
    companyContexts: config.companyContexts,
  });
  const seeded = config.seedDemo && (await seedDemo(deps, recordDeps(deps)));
  const appDeps = {
    ...deps,
    listCompanies: config.listCompanies,
    exportLimits: config.exportLimits,
  };
  const server = serve(
    {
      fetch: createApp(appDeps).fetch,
      port: config.port,
      hostname: config.host,
    },
    (info) => {
      const where =
        config.database.kind === "pglite"
          ? `embedded database in ${config.dataDir}`
          : "PostgreSQL (DATABASE_URL)";
      console.log(
        `metacrm listening on http://localhost:${info.port} with ${where} (ready in ${Date.now() - started} ms)`,
      );
      // After the first answer can be given: the queue's tables and polling are no part of a start.
      deps.jobs
        .start(withServices(appDeps))
        .catch((err: Error) => console.error(`the job queue did not start: ${err.message}`));
      // Only when created: afterwards the password may have been changed, and a log is no place for it.
      if (seeded) {
        console.log("created the demo company; log in with:");
        console.log(
          `  curl -c cookies.txt -H 'Content-Type: application/json' -d '${JSON.stringify(demoLogin)}' http://localhost:${info.port}/api/auth/login`,
        );
      }
    },
  );
  const stop = () => {
    server.close();
    void deps.jobs
      .stop()
      .catch(() => {})
      .then(() => deps.database.close())
      .finally(() => {
        lock?.release();
        process.exit(0);
      });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (err) {
  lock?.release();
  if (err instanceof DataDirLockedError || err instanceof MetadataInvalidError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
