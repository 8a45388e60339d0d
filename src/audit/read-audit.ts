import { readDependents } from '../impact/read-dependents.js';
import { readLive, selectionFor, type LiveSelection } from '../kinds/read-live.js';
import type { TableReader } from '../kinds/table-reader.js';
import type { DesiredState } from '../kinds/desired.js';
import { LOCKOUT_PROPERTY } from './accounts.js';
import type { AuditInput } from './report.js';
import { naturalKey } from '../model/keys.js';

export interface AuditReadOptions {
  /** Host name recorded in the report. */
  readonly instance: string;
  /** snac's own user_name: read even when outside the scope, for its roles. */
  readonly reconciler?: string;
  readonly pageSize?: number;
}

/** What the declarations select, plus snac's own account and the lock-out threshold property. */
export function auditSelection(desired: DesiredState, reconciler: string | undefined): LiveSelection {
  const selection = selectionFor(desired);
  const self = reconciler === undefined ? undefined : naturalKey(reconciler);
  return {
    ...selection,
    scope: self === undefined ? selection.scope : {
      ...selection.scope,
      declared: new Set([...selection.scope.declared, self]),
      exclude: new Set([...selection.scope.exclude].filter((u) => u !== self)),
    },
    properties: [...new Set([...selection.properties, naturalKey(LOCKOUT_PROPERTY)])].sort(),
  };
}

/** Read everything the audit judges, in bulk paged queries run side by side. */
export async function readAuditInput(reader: TableReader, desired: DesiredState, options: AuditReadOptions): Promise<AuditInput> {
  const paging = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
  const [live, dependents] = await Promise.all([
    readLive(reader, auditSelection(desired, options.reconciler), { instance: options.instance, ...paging, allowHidden: true, ...(options.reconciler === undefined ? {} : { readAs: options.reconciler }) }),
    readDependents(reader, paging),
  ]);
  return { desired, live, dependents, ...(options.reconciler === undefined ? {} : { reconciler: options.reconciler }) };
}
