export type { CloudClient, DnsApi, TagsApi, VpcApi } from './api';
export { createCloudClient, getCloudClient } from './client';
export { recordValue } from './dns';
export * from './errors';
export { cloudEndpoints, cloudSettings } from './settings';
export type * from './types';
export { hasTag, idFromCrn, installationTag, listResourcesWithTag } from './tagging';
export {
  nodeServerPlan, nodeServerPrototype, nodeVniPrototype, primaryVniIdOf, serverInitialization,
  type NodeServerPlan, type NodeServerSpec, type NodeVniSpec, type ServerBootSpec,
} from './vpc';
