import { AccessControl, defaultAcls, type FieldAcls, type TableAcl } from './acl.js';
import { TokenStore } from './auth/tokens.js';
import { SessionStore } from './auth/sessions.js';
import { Clock } from './clock.js';
import { DICTIONARY } from './dictionary/index.js';
import { Instance } from './instance.js';
import { Limits } from './limits/limits.js';
import type { LimitsProfile } from './limits/profile.js';
import { insertRuleRows } from './limits/rule-rows.js';
import type { Sleep } from './limits/server-time.js';
import { elevatedRoleNames } from './rules/role-graph.js';
import { loadSeed, type SeedName } from './seeds/index.js';
import { warmSysIdOrder } from './sys-id-order.js';
import type { InstanceSettings } from './settings.js';
import { Stats } from './stats.js';
import { emptyValues, type Row } from './store.js';

export interface EmulatorOptions {
  readonly seed?: SeedName;
  readonly settings?: Partial<InstanceSettings>;
  readonly clock?: Clock;
  /** Performance limits and faults (limits/profile.ts); none by default. */
  readonly limits?: LimitsProfile;
  /** How emulated server time passes (default: real time); tests hold or skip it. */
  readonly sleep?: Sleep;
}

/** What `--data file.json` holds: every row, the ACL table and the settings. */
export interface EmulatorSnapshot {
  readonly format: 'snac-emulator/1';
  readonly settings: InstanceSettings;
  readonly acls: Record<string, TableAcl>;
  /** Field-level read ACLs (absent in files written before they existed). */
  readonly fieldAcls?: FieldAcls;
  readonly tables: Record<string, Record<string, string>[]>;
}

/**
 * One emulated ServiceNow instance: data engine, ACLs, OAuth tokens, sessions and request
 * statistics. The HTTP server (http/server.ts) is a thin layer over this.
 */
export class Emulator {
  readonly instance: Instance;
  readonly acl: AccessControl;
  readonly tokens = new TokenStore();
  readonly sessions = new SessionStore();
  readonly stats = new Stats();
  limits: Limits;

  constructor(options: EmulatorOptions = {}) {
    this.instance = new Instance({ ...(options.clock ? { clock: options.clock } : {}), settings: options.settings ?? {} });
    this.acl = new AccessControl(defaultAcls(), () => this.elevatedRoles());
    this.limits = new Limits(this.stats, { ...(options.limits ? { profile: options.limits } : {}), ...(options.sleep ? { sleep: options.sleep } : {}) });
    if (options.seed) this.seed(options.seed);
  }

  /** Empty every table and load a seed, then the limits profile's rate-limit rules. */
  seed(name: SeedName): void {
    this.clear();
    loadSeed(this, name);
    insertRuleRows(this.instance, this.limits.profile.rateLimitRules ?? []);
    warmSysIdOrder(this.instance.store, DICTIONARY.keys());
  }

  clear(): void {
    this.instance.store.clear();
    this.acl.tables.clear();
    for (const [table, acl] of defaultAcls()) this.acl.tables.set(table, acl);
    this.acl.fields.clear();
    this.tokens.clear();
    this.sessions.clear();
    this.stats.reset();
    this.limits.reset();
  }

  elevatedRoles(): ReadonlySet<string> {
    return elevatedRoleNames(this.instance);
  }

  snapshot(): EmulatorSnapshot {
    const tables: Record<string, Record<string, string>[]> = {};
    for (const name of DICTIONARY.keys()) {
      const own = [...this.instance.store.scan(name)].filter((row) => row.table === name);
      tables[name] = own.map((row) => ({ ...row.values }));
    }
    return {
      format: 'snac-emulator/1',
      settings: this.instance.settings,
      acls: Object.fromEntries(this.acl.tables),
      fieldAcls: Object.fromEntries(this.acl.fields),
      tables,
    };
  }

  /** Replace the whole state with a snapshot, as stored: no business rules run. */
  restore(snapshot: EmulatorSnapshot): void {
    if (snapshot.format !== 'snac-emulator/1') throw new Error(`unsupported emulator data format ${String(snapshot.format)}`);
    const unknown = Object.keys(snapshot.tables ?? {}).filter((table) => !DICTIONARY.has(table));
    if (unknown.length) throw new Error(`emulator data names unknown tables: ${unknown.join(', ')}`);
    this.clear();
    this.instance.settings = { ...this.instance.settings, ...snapshot.settings };
    this.acl.tables.clear();
    for (const [table, acl] of Object.entries(snapshot.acls)) this.acl.tables.set(table, acl);
    for (const [field, roles] of Object.entries(snapshot.fieldAcls ?? {})) this.acl.fields.set(field, roles);
    for (const [table, rows] of Object.entries(snapshot.tables)) {
      for (const values of rows) {
        const row: Row = { table, values: Object.assign(emptyValues(), values) };
        this.instance.store.put(row);
      }
    }
  }
}
