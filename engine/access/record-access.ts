import type { Context } from "hono";
import { audit } from "../audit/audit-log.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { RecordService } from "../records/record-service.ts";
import type { ReassignedJson } from "../records/record-writes.ts";
import { RecordShares, type ShareJson, type ShareTarget } from "./record-shares.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";

/**
 * Reassigning and sharing the records of one entity for one request, each
 * change audited in its own transaction: what the single-record routes and
 * batch actions both do. Both are the owner's and the role scope's rights,
 * never a sharee's (RecordService.touch and reassign check "manage").
 */
export class RecordAccess {
  readonly #shares: RecordShares;

  constructor(
    private readonly c: Context<AppEnv>,
    private readonly deps: ModuleDeps,
    private readonly records: RecordService,
  ) {
    this.#shares = new RecordShares(
      deps.database.db,
      c.var.company,
      records.definition.entity.key,
      records,
      deps.newId,
      deps.now,
    );
  }

  /** Gives the record a new owner; with `related`, the records that refer to it and were its old owner's too. */
  assign(
    id: string,
    owner: string,
    version: number | undefined,
    related: boolean,
  ): Promise<ReassignedJson> {
    return this.records.reassign(id, owner, version, related);
  }

  shares(id: string): Promise<ShareJson[]> {
    return this.#shares.list(id);
  }

  share(id: string, target: ShareTarget, version: number | undefined): Promise<ShareJson> {
    return this.#shares.add(id, target, version, this.c.var.session.user.id, (tx) =>
      this.#audit(tx, "record_shared", id, { ...target, subDepartments: !!target.subDepartments }),
    );
  }

  unshare(id: string, shareId: string, version: number | undefined): Promise<void> {
    return this.#shares.remove(id, shareId, version, (tx, removed) =>
      this.#audit(tx, "record_unshared", id, {
        user: removed.user?.id,
        department: removed.department?.id,
        access: removed.access,
        subDepartments: removed.subDepartments,
      }),
    );
  }

  #audit(
    tx: Parameters<typeof audit>[0],
    action: "record_shared" | "record_unshared",
    id: string,
    detail: Record<string, unknown>,
  ) {
    const { user } = this.c.var.session;
    return audit(tx, this.c.var.company.schema, this.c, this.deps.now(), this.deps.trustProxy, {
      action,
      actor: { id: user.id, username: user.username },
      target: `${this.records.definition.entity.key}/${id}`,
      detail,
    });
  }
}
