import type { AuthenticatorInterface } from 'ibm-cloud-sdk-core';
import type { CloudClient, TagsApi } from './api';
import { CloudService, type RetryPolicy } from './service';
import type { TaggedResource } from './types';

const SEARCH_LIMIT = 1000;
const TAG_PAGE = 1000;

/** The user tag every server and VNI this installation creates carries. */
export function installationTag(installationId: string): string {
  return `nvo-installation:${installationId}`;
}

/** IBM compares tags case-insensitively and stores them lowercased. */
const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The last CRN segment is the resource's own id (`crn:v1:...:bare-metal-server:<id>`). */
export function idFromCrn(crn: string): string {
  return crn.slice(crn.lastIndexOf(':') + 1);
}

function resourceTypeFromCrn(crn: string): string {
  const parts = crn.split(':');
  return parts.length >= 10 ? parts[8] : '';
}

/**
 * User tags through the Global Tagging API (attach, list a resource's tags) and resources by tag
 * through the Global Search API: two hosts, one authenticator.
 */
export class TaggingService implements TagsApi {
  private readonly tagging: CloudService;
  private readonly search: CloudService;

  constructor(options: { taggingUrl: string; searchUrl: string; authenticator: AuthenticatorInterface; retry?: Partial<RetryPolicy> }) {
    const { authenticator, retry } = options;
    this.tagging = new CloudService({ name: 'tagging', serviceUrl: options.taggingUrl, authenticator, retry, defaultQs: { tag_type: 'user' } });
    this.search = new CloudService({ name: 'search', serviceUrl: options.searchUrl, authenticator, retry });
  }

  /** Attaching a tag a resource already has is a no-op, so this is safe to replay. */
  async attachTags(crns: string[], tagNames: string[]) {
    const { result } = await this.tagging.call<{ results?: { resource_id: string; is_error?: boolean }[] }>('attach tags', {
      method: 'POST', url: '/v3/tags/attach', body: { resources: crns.map((resource_id) => ({ resource_id })), tag_names: tagNames },
    });
    const failed = (result.results ?? []).filter((r) => r.is_error).map((r) => r.resource_id);
    if (failed.length) throw new Error(`tagging failed for ${failed.join(', ')}`);
  }

  async listTags(crn: string): Promise<string[]> {
    const names: string[] = [];
    for (let offset = 0; ; ) {
      const { result } = await this.tagging.call<{ items?: { name: string }[]; total_count?: number }>('list tags', {
        method: 'GET', url: '/v3/tags', qs: { attached_to: crn, offset, limit: TAG_PAGE },
      });
      const page = result.items ?? [];
      names.push(...page.map((t) => t.name));
      offset += page.length;
      if (page.length === 0 || offset >= (result.total_count ?? 0)) return names;
    }
  }

  /** Follows `search_cursor` until a short page. */
  async searchByTag(tag: string): Promise<TaggedResource[]> {
    const found: TaggedResource[] = [];
    let cursor: string | undefined;
    do {
      const { result } = await this.search.call<{ items?: { crn: string; name?: string; tags?: string[] }[]; search_cursor?: string }>('search resources', {
        method: 'POST', url: '/v3/resources/search', qs: { limit: SEARCH_LIMIT },
        body: { query: `tags:"${tag.replace(/"/g, '\\"')}"`, fields: ['crn', 'name', 'tags'], ...(cursor ? { search_cursor: cursor } : {}) },
      });
      const items = result.items ?? [];
      found.push(...items.map((i) => ({ crn: i.crn, id: idFromCrn(i.crn), name: i.name ?? '', type: resourceTypeFromCrn(i.crn), tags: i.tags ?? [] })));
      cursor = items.length === SEARCH_LIMIT ? result.search_cursor : undefined;
    } while (cursor);
    return found;
  }
}

/** Does the resource (by CRN) carry `tag`? */
export async function hasTag(cloud: CloudClient, crn: string, tag: string): Promise<boolean> {
  return (await cloud.tags.listTags(crn)).some((t) => sameTag(t, tag));
}

/** Every live resource carrying `tag` (servers and VNIs: the kinds we tag). */
export async function listResourcesWithTag(cloud: CloudClient, tag: string): Promise<TaggedResource[]> {
  return (await cloud.tags.searchByTag(tag)).filter((r) => r.tags.some((t) => sameTag(t, tag)));
}
