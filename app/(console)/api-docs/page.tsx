import { ApiReference } from '@/components/api-docs/ApiReference';
import { PageHeader } from '@/components/common/PageHeader';
import { apiReference } from '@/lib/openapi/reference';

export const metadata = { title: 'API reference' };

export default function ApiDocsPage() {
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every endpoint, its role and its request schema. Machine-readable: /api/openapi.json (OpenAPI 3.1). Errors are application/problem+json."
      />
      <ApiReference groups={apiReference()} />
    </>
  );
}
