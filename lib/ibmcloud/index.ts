export type { CloudClient, DnsApi, TagsApi, VpcApi } from './api';
export { createCloudClient, getCloudClient } from './client';
export * from './errors';
export { cloudEndpoints, cloudSettings } from './settings';
export type * from './types';
export { hasTag, idFromCrn, installationTag, listResourcesWithTag } from './tagging';
export { nodeServerPrototype, nodeVniPrototype, serverInitialization, type NodeServerSpec, type NodeVniSpec, type ServerBootSpec } from './vpc';
