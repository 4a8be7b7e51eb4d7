'use client';

import { Accordion, AccordionItem, CodeSnippet, Tag } from '@carbon/react';
import type { ReferenceEntry } from '@/lib/openapi/reference';

const METHOD_COLOUR: Record<string, 'blue' | 'green' | 'red' | 'purple' | 'gray' | 'teal'> = {
  GET: 'blue', POST: 'green', DELETE: 'red', PATCH: 'purple', PUT: 'purple', HEAD: 'teal',
};

function Title({ e }: { e: ReferenceEntry }) {
  return (
    <span>
      <Tag type={METHOD_COLOUR[e.method] ?? 'gray'} size="sm">{e.method}</Tag>{' '}
      <code>{e.path}</code> — {e.summary}{' '}
      <Tag type="outline" size="sm">{e.auth === 'node' ? 'node token' : e.auth}</Tag>
      {e.deprecated && <Tag type="warm-gray" size="sm">deprecated</Tag>}
    </span>
  );
}

export function ApiReference({ groups }: { groups: { tag: string; entries: ReferenceEntry[] }[] }) {
  return (
    <>
      {groups.map((g) => (
        <section key={g.tag} style={{ marginBottom: '2rem' }}>
          <h2 className="cds--type-productive-heading-03" style={{ marginBottom: '0.5rem' }}>{g.tag}</h2>
          <Accordion>
            {g.entries.map((e) => (
              <AccordionItem key={`${e.method} ${e.path}`} title={<Title e={e} />}>
                {!e.body && !e.query && <p>No request parameters beyond the path.</p>}
                {e.query && (<><h3 className="cds--type-label-01">Query</h3><CodeSnippet type="multi" feedback="Copied">{e.query}</CodeSnippet></>)}
                {e.body && (<><h3 className="cds--type-label-01">JSON body</h3><CodeSnippet type="multi" feedback="Copied">{e.body}</CodeSnippet></>)}
              </AccordionItem>
            ))}
          </Accordion>
        </section>
      ))}
    </>
  );
}
