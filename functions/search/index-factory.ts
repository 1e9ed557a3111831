import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import { optionalEnv, requireEnv } from '../../shared/config';
import { createEmbeddedSearchIndex } from './embedded/embedded-search-index';
import { type OpenSearchClientLike, OpenSearchSearchIndex } from './opensearch/opensearch-search-index';
import type { SearchIndex } from './search-index';

let index: SearchIndex | undefined;

/**
 * The search index this container uses: OpenSearch on AWS (SigV4-signed), or the embedded
 * engine locally — one per process, shared by the indexer and the search handlers, which the
 * local runtime runs in the same process. Picked by `SEARCH_ENGINE`.
 */
export function searchIndex(): SearchIndex {
  if (index) return index;
  if (optionalEnv('SEARCH_ENGINE', 'opensearch') === 'embedded') {
    index = createEmbeddedSearchIndex();
    return index;
  }
  const endpoint = requireEnv('OPENSEARCH_ENDPOINT');
  const signed = !process.env.OPENSEARCH_UNSIGNED;
  const client = new Client({
    node: endpoint.startsWith('http') ? endpoint : `https://${endpoint}`,
    ...(signed
      ? AwsSigv4Signer({
          region: requireEnv('AWS_REGION'),
          service: 'es',
          getCredentials: () => defaultProvider()(),
        })
      : {}),
  });
  index = new OpenSearchSearchIndex(client as unknown as OpenSearchClientLike, {
    index: optionalEnv('OPENSEARCH_INDEX', 'products'),
  });
  return index;
}
