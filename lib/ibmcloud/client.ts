import { IamAuthenticator } from 'ibm-cloud-sdk-core';
import type { Config } from '@/lib/config';
import type { CloudClient } from './api';
import { DnsService } from './dns';
import type { RetryPolicy } from './service';
import { cloudEndpoints, cloudSettings } from './settings';
import { TaggingService } from './tagging';
import { VpcService } from './vpc';

export interface CloudClientOptions {
  retry?: Partial<RetryPolicy>;
}

/**
 * The one way to reach IBM Cloud, identical in both modes: IAM API-key auth, the VPC and DNS
 * Services clients bound to the configured DNS zone. In simulation mode only the URLs (set by the
 * launcher to the simulator) and the API key (SIM_API_KEY, which the launcher gives the simulator) differ.
 */
export function createCloudClient(config: Config, options: CloudClientOptions = {}): CloudClient {
  const endpoints = cloudEndpoints(config);
  const settings = cloudSettings(config);
  const apikey = config.IBMCLOUD_API_KEY ?? config.SIM_API_KEY;
  // One authenticator shares one token manager, so both services reuse the same IAM token.
  const authenticator = new IamAuthenticator({ apikey, url: endpoints.iamUrl });
  return {
    vpc: new VpcService({ serviceUrl: endpoints.vpcUrl, authenticator, retry: options.retry }),
    dns: new DnsService({
      serviceUrl: endpoints.dnsUrl,
      authenticator,
      retry: options.retry,
      instanceId: settings.dnsInstanceId,
      zoneId: settings.dnsZoneId,
      zoneName: settings.dnsZoneName,
    }),
    tags: new TaggingService({ taggingUrl: endpoints.taggingUrl, searchUrl: endpoints.searchUrl, authenticator, retry: options.retry }),
  };
}

let shared: { config: Config; client: CloudClient } | undefined;

/** A process-wide client for the given config (re-created when the config object changes). */
export function getCloudClient(config: Config): CloudClient {
  if (shared?.config !== config) shared = { config, client: createCloudClient(config) };
  return shared.client;
}
