import { describe, expect, it } from 'vitest';
import { RECORD_KIND_NAMES } from '../../src/kinds/names.js';
import { RECORD_KINDS } from '../../src/kinds/registry.js';
import { columnOf, ownedValues, REFERENCE_KEY_FIELDS } from '../../src/kinds/row-fields.js';

describe('the record kinds', () => {
  it('dot-walk a reference through the natural key its target kind is keyed by', () => {
    for (const name of RECORD_KIND_NAMES) expect(REFERENCE_KEY_FIELDS[name], name).toBe(RECORD_KINDS[name].keyField);
    expect(REFERENCE_KEY_FIELDS.user).toBe(RECORD_KINDS.ServiceAccount.keyField);
  });

  it('read every owned field, and key each live record by its key column', () => {
    for (const name of RECORD_KIND_NAMES) {
      const kind = RECORD_KINDS[name];
      expect(kind.readFields[0], name).toBe(kind.keyField);
      for (const field of kind.fields) expect(kind.readFields, `${name}.${field.name}`).toContain(columnOf(field));
    }
  });

  it('normalise each owned field by its type', () => {
    const values = ownedValues(RECORD_KINDS.ServiceAccount.fields, {
      user_name: 'svc_a',
      email: 'a@example.com',
      'manager.user_name': ' Grace.Kim ',
      web_service_access_only: 'true',
      active: 'false',
    });
    expect(values).toMatchObject({ email: 'a@example.com', manager: 'grace.kim', web_service_access_only: true, active: false, first_name: '' });
    expect(ownedValues(RECORD_KINDS.OAuthClient.fields, { access_token_lifespan: '1800', refresh_token_lifespan: '' })).toMatchObject({ access_token_lifespan: 1800, refresh_token_lifespan: null, application_user: null });
  });
});
