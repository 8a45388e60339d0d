export { compileQuery, type CompiledQuery, type FieldType, type QuerySchema, type RecordAccess } from './evaluate.js';
export { parseEncodedQuery, QueryError, type Condition, type OrderBy, type ParsedQuery } from './parse.js';
