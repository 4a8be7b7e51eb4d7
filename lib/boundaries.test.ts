import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts/.tsx file under `dir`, as repo-relative paths with forward slashes. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.resolve(dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(process.cwd(), path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);

describe('module boundaries', () => {
  it('reads configuration only through lib/config: no process.env in lib/ or proxy.ts', () => {
    const files = [...sourceFiles('lib'), 'proxy.ts'].filter(
      (f) => !f.startsWith('lib/config/') && !f.startsWith('lib/db/generated/') && !isTest(f),
    );
    const offenders = files.filter((f) => /\bprocess\.env\b/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps the production IBM client free of the simulator', () => {
    const files = sourceFiles('lib/ibmcloud').filter((f) => !f.startsWith('lib/ibmcloud/simulator/') && !isTest(f));
    const importsSimulator = /from\s+['"](?:\.\/simulator|@\/lib\/ibmcloud\/simulator)(?:\/[^'"]*)?['"]/;
    const offenders = files.filter((f) => importsSimulator.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps HTTP in lib/http: no file outside it imports its error types', () => {
    const files = [...sourceFiles('lib'), ...sourceFiles('components'), 'proxy.ts'].filter(
      (f) => !f.startsWith('lib/http/') && !f.startsWith('lib/db/generated/'),
    );
    const importsHttpErrors = /from\s+['"](?:@\/lib\/http|(?:\.\.?\/)+(?:lib\/)?http)\/errors['"]/;
    const offenders = files.filter((f) => importsHttpErrors.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
