/**
 * Natural keys. ServiceNow's `=` and IN compare names case-insensitively, so a user_name, group
 * name, role name or property name is keyed trimmed and lower-cased. The desired side (YAML) and
 * the live side (the Table API) key records with this one function, so they always meet.
 */
export function naturalKey(name: string): string {
  return name.trim().toLowerCase();
}
