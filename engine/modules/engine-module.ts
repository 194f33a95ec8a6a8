import type { Database, Db } from "../db/database.ts";
import type { SchemaOwner } from "../db/schema-owner.ts";
import type { Routes } from "../http/routes.ts";
import type { Text } from "../i18n/text.ts";

/**
 * One step of a module's system tables, applied once per company schema (or
 * once for the platform schema) and recorded there by module and name. A
 * module's first migrations may meet tables made before migrations existed,
 * so they create with `if not exists`; later ones alter what the earlier ones
 * made. Steps never change once released: a change is a new step.
 *
 * @example
 * { name: "001-notes", up: (tx, { schema }) => sql`create table if not exists ${sql.id(schema, "sys_note")} (…)`.execute(tx) }
 */
export interface Migration {
  /** Unique within its module and sorted in the order the steps apply, e.g. `002-share-sub-departments`. */
  readonly name: string;
  up(tx: Db, target: MigrationTarget): Promise<void>;
}

/** Where a migration applies: a company's schema, or the platform schema. */
export interface MigrationTarget {
  readonly schema: string;
}

/**
 * A part of the engine, or a plugin: what it is, what it needs, and what it
 * adds. The core (companies, records, queries, metadata) knows modules only
 * through this contract; a module reaches the core through its imports.
 */
export interface EngineModule {
  /** Stable, lower-case: `audit`, `org`, `x_loyalty`. */
  readonly key: string;
  /** Its name for admins, in their language. */
  readonly label: Text;
  /** What it brings, in a sentence. */
  readonly description: Text;
  /** Semantic version of the module, shown to admins and recorded per company. */
  readonly version: string;
  /** Modules whose tables, routes or texts this one uses; they are migrated first. */
  readonly dependsOn?: readonly string[];
  /**
   * A company admin may switch it off (its menus, entities and routes leave
   * that company, its data stays) and on again. The engine's own foundations
   * (users, departments, permissions, the trail) are not switchable.
   */
  readonly switchable?: boolean;
  /**
   * Off in every company until its admin switches it on (plugins): a module
   * installed on the server is not yet wanted by each of its companies.
   */
  readonly offUntilSwitchedOn?: boolean;
  /** The metadata modules (menus of modules.json) it brings: their entities come and go with it. */
  readonly menus?: readonly string[];
  /** Its system tables in each company schema. */
  readonly companyMigrations?: readonly Migration[];
  /**
   * With an owner role (schema-owner.ts), what the owner takes of this
   * module's tables in a new company's schema: the last step of the creating
   * transaction, once every module's tables exist.
   */
  readonly ownCompanyTables?: (tx: Db, schema: string, owner: SchemaOwner) => Promise<void>;
  /** Its tables in the platform schema, shared by every company. */
  readonly platformMigrations?: readonly Migration[];
  /**
   * Its HTTP routes, each group mounted under its prefix and each route
   * declared with its schemas (`Routes.route`): the app mounts every module's
   * groups in dependency order, and a company that switched the module off
   * gets 404 from all of them.
   */
  readonly routes?: readonly ModuleRoutes[];
  /**
   * What roles may grant on an entity's records thanks to this module. The
   * union over the installed modules (`ModuleSet.permissionActions`) is the
   * one list: role bodies are checked against it, the document and the role
   * screen (`GET /api/admin/roles/actions`) show it.
   */
  readonly permissionActions?: readonly PermissionAction[];
}

/**
 * Something a role may grant on an entity's records: its key, stored in
 * roles and checked by the routes that do it, and its name for admins.
 *
 * @example
 * { key: "export", label: tr("Export") }
 */
export interface PermissionAction {
  /** Stable, camelCase: `read`, `batchDelete`. */
  readonly key: string;
  readonly label: Text;
  /**
   * false for an action nothing does yet: roles that grant it keep it, the
   * role screen does not offer it.
   */
  readonly offered?: boolean;
}

/** Where a group of a module's routes lives and how its routes are declared. */
export interface ModuleRoutes {
  /** `/api/prefs` for the engine's own; a plugin's go under `/api/x/<plugin>`. */
  readonly prefix: string;
  readonly register: (routes: Routes, deps: ModuleDeps) => void;
}

/**
 * What any module's routes may use; a request's company, session and actor
 * are on its context. Core folders and modules that offer a service to
 * others add it here by declaration merging (`declare module
 * "…/modules/engine-module.ts" { interface ModuleDeps { … } }`), so that a
 * module names what it uses, not who provides it; the composition root
 * (engine-deps.ts) must provide all of it, which the compiler checks.
 */
export interface ModuleDeps {
  readonly database: Database;
  readonly now: () => Date;
  readonly newId: () => string;
  /**
   * How many reverse proxies in front of the engine append to X-Forwarded-For
   * (TRUST_PROXY; for the audit trail's addresses); 0 takes the socket's peer as the client.
   */
  readonly trustProxy: number;
}
