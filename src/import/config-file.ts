import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { naturalKey } from '../model/keys.js';

/** What snac import adds to snac.yaml so that the first plan of what it imported is green. */
export interface ConfigAdditions {
  /** Roles the instance ships that snac's baseline list lacks. */
  readonly knownRoles: readonly string[];
  /** Policy breaches the adopted accounts already had: rule id and account. */
  readonly debt: readonly { readonly rule: string; readonly account: string }[];
  /** YYYY-MM-DD, recorded with each debt entry. */
  readonly since: string;
}

function stringsAt(doc: Document, path: readonly string[]): string[] {
  const node = doc.getIn(path);
  return isSeq(node) ? node.items.map((item) => String((item as { value?: unknown }).value ?? item)) : [];
}

/**
 * snac.yaml's text with known_roles and policy debt added, comments and layout kept. Entries
 * that are there already are not repeated. Pure.
 */
export function addToConfig(text: string, additions: ConfigAdditions): string {
  const doc: Document = parseDocument(text);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  const known = stringsAt(doc, ['known_roles']);
  const roles = additions.knownRoles.filter((r) => !known.some((k) => naturalKey(k) === naturalKey(r)));
  if (roles.length > 0) doc.setIn(['known_roles'], doc.createNode([...known, ...roles], { flow: true }));

  for (const { rule, account } of additions.debt) {
    const path = ['policy', 'rules', rule, 'debt'];
    const owed = doc.getIn(path);
    const accounts = isSeq(owed) ? owed.items.map((item) => naturalKey(String((isMap(item) ? item.get('account') : undefined) ?? ''))) : [];
    if (accounts.includes(naturalKey(account))) continue;
    const entry = doc.createNode({ account, since: additions.since }, { flow: true });
    if (isSeq(owed)) owed.items.push(entry);
    else doc.setIn(path, doc.createNode([entry]));
  }
  return doc.toString({ flowCollectionPadding: false });
}
