export type { CloudClient, DnsApi, VpcApi } from './api';
export { createCloudClient, getCloudClient } from './client';
export * from './errors';
export { cloudEndpoints, cloudSettings } from './settings';
export type * from './types';
