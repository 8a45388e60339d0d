/**
 * The one place snac talks to ServiceNow: the Table API of an instance, with sessions,
 * retries, paging and explained errors. Readers and appliers depend on this surface only.
 */
export { createTableApi, DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from './table-api.js';
export type { ListOptions, TableApi, TableApiOptions, WriteResult } from './table-api.js';
export type { Row } from './paging.js';
export { connectionFromEnv, credentialsFromEnv, ONE_OFF_ENV, resolveCredentials, Secret } from './credentials.js';
export type { Credentials, Env } from './credentials.js';
export { ServiceNowError } from './errors.js';
export type { CallRef } from './errors.js';
export { RequestLog } from './request-log.js';
export type { RequestLogEntry, RequestStats } from './request-log.js';
export { DEFAULT_RETRY } from './retry.js';
export type { RetryPolicy } from './retry.js';
export type { BatchItem, BatchItemResult } from './batch.js';
