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

/** Files still importing lib/http/errors while they move to lib/errors: this list only shrinks. */
const HTTP_ERRORS_NOT_YET_MOVED = new Set([
  'lib/db/viewer.ts',
  'lib/provisioning/catalog.ts',
  'lib/provisioning/ip-allocation.ts',
  'lib/provisioning/preview.ts',
  'lib/provisioning/provision.ts',
  'lib/provisioning/queries.ts',
  'lib/provisioning/reinitialize.ts',
  'lib/provisioning/validate.ts',
  'components/common/send.ts',
]);

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
    expect(offenders.filter((f) => !HTTP_ERRORS_NOT_YET_MOVED.has(f))).toEqual([]);
    expect([...HTTP_ERRORS_NOT_YET_MOVED].filter((f) => !offenders.includes(f))).toEqual([]);
  });
});
