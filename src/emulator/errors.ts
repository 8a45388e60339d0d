/**
 * A failure the emulator answers with ServiceNow's error envelope
 * `{"error":{"message":...,"detail":...},"status":"failure"}`. Messages are the real instance's
 * (../shared/SERVICENOW.md §2.2), so clients can be tested against them.
 */
export class InstanceError extends Error {
  override readonly name = 'InstanceError';
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  envelope(): { error: { message: string; detail: string | null }; status: 'failure' } {
    return { error: { message: this.message, detail: this.detail }, status: 'failure' };
  }
}

export type Operation = 'create' | 'read' | 'write' | 'delete';

const aclVerb: Record<Operation, string> = { create: 'Insert', read: 'Read', write: 'Update', delete: 'Delete' };

export const errors = {
  invalidTable: (table: string) => new InstanceError(400, `Invalid table ${table}`, null),
  noResource: () => new InstanceError(400, 'Requested URI does not represent any resource', null),
  notAuthenticated: () =>
    new InstanceError(401, 'User Not Authenticated', 'Required to provide Auth information', {
      'WWW-Authenticate': 'BASIC realm="Service-now"',
    }),
  aclDenied: (operation: Operation) =>
    new InstanceError(403, 'Operation Failed', `ACL Exception ${aclVerb[operation]} Failed due to security constraints`),
  businessRuleAbort: (table: string, rule: string, ruleId: string, message = 'Operation Failed') =>
    new InstanceError(
      403,
      message,
      `Operation against file '${table}' was aborted by Business Rule '${rule}^${ruleId}'. Business Rule Stack:${rule}`,
    ),
  /**
   * A grant of a role whose "Assignable by" role the caller lacks (KB0832559, KB1113558: the
   * platform's IAccessHandler refuses it, also when adding a member to a group holding such a
   * role). The message is the one those articles quote; its REST shape is inferred.
   */
  notAuthorizedAction: () => new InstanceError(403, 'User Is Not Authorized To Perform This Action', null),
  uniqueViolation: (table: string, key: string) => new InstanceError(403, 'Operation Failed', `Error during insert of ${table} (${key})`),
  queryNotPermitted: () =>
    new InstanceError(403, 'Insufficient rights to query records', 'Field(s) present in the query do not have permission to be read'),
  noRecord: () => new InstanceError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval"),
  noMatches: () =>
    new InstanceError(404, 'No Record found', 'Records matching query not found. Check query parameter or offset parameter'),
  badRequest: (message: string, detail: string | null = null) => new InstanceError(400, message, detail),
  methodNotAllowed: () => new InstanceError(405, 'Method not Supported', 'Requested method is not supported by this resource'),
  notAcceptable: () => new InstanceError(406, 'Requested response content type is not supported', null),
  unsupportedMediaType: () => new InstanceError(415, 'Unsupported Media Type', 'Content-Type must be application/json'),
  payloadTooLarge: (bytes: number) =>
    new InstanceError(
      400,
      'Exception while reading request',
      `Rejected large REST payload with content-length = ${bytes} bytes. Max allowed: 10485760 bytes.`,
    ),
};
