import { boolean, choice, integer, reference, string, type TableDef } from './types.js';

export const sysProperties: TableDef = {
  name: 'sys_properties',
  label: 'System Property',
  displayField: 'name',
  audited: true,
  unique: ['name'],
  fields: [
    string('name', { mandatory: true }),
    string('value'),
    choice(
      'type',
      {
        string: 'string',
        integer: 'integer',
        boolean: 'true | false',
        choicelist: 'choice list',
        password: 'password',
        password2: 'password2',
        short_string: 'short string',
        timezone: 'timezone',
      },
      'string',
    ),
    string('description'),
    string('choices'),
    boolean('ignore_cache'),
    boolean('is_private'),
    string('read_roles'),
    string('write_roles'),
    string('suffix'),
    reference('sys_scope', 'sys_scope', { default: 'global' }),
    string('sys_package', { default: 'global' }),
    string('sys_update_name', { readOnly: true }),
    string('sys_name', { readOnly: true }),
  ],
};

export const sysAudit: TableDef = {
  name: 'sys_audit',
  label: 'Audit',
  displayField: 'documentkey',
  audited: false,
  fields: [
    string('documentkey'),
    string('tablename'),
    string('fieldname'),
    string('oldvalue'),
    string('newvalue'),
    string('user'),
    string('reason'),
    integer('record_checkpoint'),
    string('internal_checkpoint'),
  ],
};

/**
 * The OAuth application registry (System OAuth > Application Registry), with the fields of the
 * "OAuth API endpoint for external clients" form (t_CreateEndpointforExternalClients.md); the
 * column names of the newer fields are inferred from their labels.
 */
export const oauthEntity: TableDef = {
  name: 'oauth_entity',
  label: 'Application Registries',
  displayField: 'name',
  audited: true,
  unique: ['client_id'],
  fields: [
    string('name', { mandatory: true }),
    /** Generated on insert (read-only on the form); the secret too when left blank. */
    string('client_id'),
    { name: 'client_secret', type: 'password2', hidden: true },
    choice('type', { client: 'OAuth Client', oauth_provider: 'OAuth Provider' }, 'client'),
    boolean('active', 'true'),
    integer('access_token_lifespan', { default: '1800' }),
    integer('refresh_token_lifespan', { default: '8640000' }),
    string('redirect_url'),
    string('logo_url'),
    boolean('enforce_token_restriction'),
    boolean('mobile_client'),
    choice('token_format', { opaque: 'Opaque', jwt: 'JWT' }, 'opaque'),
    string('comments'),
    /**
     * The "OAuth Application User" that client_credentials tokens act as. ServiceNow does not
     * document the column name (SERVICENOW.md §5.2); the emulator calls it application_user.
     */
    reference('application_user', 'sys_user'),
  ],
};
