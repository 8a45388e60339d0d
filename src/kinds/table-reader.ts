/**
 * The read half of the Table API as the kinds need it. The client in src/servicenow/ satisfies
 * it; tests may pass anything that does. Rows come with reference links excluded and display
 * values off, so every value is ServiceNow's stored string (dot-walked fields as flat keys).
 */
export type Row = Readonly<Record<string, string>>;

export interface ListOptions {
  readonly query?: string;
  readonly fields: readonly string[];
  readonly pageSize?: number;
  /** Return the readable rows when read ACLs hide some, instead of failing (the default). */
  readonly allowHidden?: boolean;
  /** With allowHidden: told how many rows matching the query read ACLs kept back, when some were. */
  readonly onHidden?: (count: number) => void;
}

export interface TableReader {
  list(table: string, options: ListOptions): Promise<Row[]>;
  /**
   * list, each row converted as its page arrives, so a large read keeps what is made of its
   * rows rather than every row (snac's client has it; without it, readRows converts after list).
   */
  listAs?<T>(table: string, options: ListOptions, convert: (row: Row) => T): Promise<T[]>;
}
