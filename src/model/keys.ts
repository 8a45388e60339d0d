declare const naturalKeyBrand: unique symbol;

/**
 * A natural key: a user_name, group name, role name, property name or OAuth client name as
 * snac compares it. Only `naturalKey` makes one, so a name as written (a YAML value, a row's
 * display value) cannot be compared with a key by mistake: the compiler refuses it.
 */
export type NaturalKey = string & { readonly [naturalKeyBrand]: true };

/**
 * ServiceNow's `=` and IN compare names case-insensitively, so a user_name, group name, role
 * name or property name is keyed trimmed and lower-cased. The desired side (YAML) and the live
 * side (the Table API) key records with this one function, so they always meet.
 */
export function naturalKey(name: string): NaturalKey {
  return name.trim().toLowerCase() as NaturalKey;
}
