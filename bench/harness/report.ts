import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load';

export interface BenchRow extends LoadResult {
  /** What was measured (the path, or a variant such as "100 nodes"). */
  label: string;
  /** The static-asset rate at the same connections (same server, same WEB_CONCURRENCY). */
  ceilingRps?: number;
  /** The static asset's p99 there: what the machine's scheduling alone costs a request. */
  ceilingP99?: number;
}

/** The checked-out commit, with `-dirty` when the work tree has changes. */
export function commitId(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return 'unknown';
  }
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

/** Prints the rows as a Markdown table (ready for the README). */
export function formatTable(rows: BenchRow[]): string {
  const lines = [
    '| bench | conns | req/s | p50 | p99 | errors | static req/s | static p99 | ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ratio = r.ceilingRps ? `${(r.rps / r.ceilingRps).toFixed(2)}×` : '';
    const staticP99 = r.ceilingP99 !== undefined ? ms(r.ceilingP99) : '';
    lines.push(`| ${r.label} | ${r.connections} | ${r.rps} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ${r.ceilingRps ?? ''} | ${staticP99} | ${ratio} |`);
  }
  return lines.join('\n');
}

/**
 * Prints `table` and writes bench/results/<name>.json: the commit, the time, the machine (with its
 * load average) and `body`. Every bench reports through this.
 */
export function writeResult(name: string, table: string, body: Record<string, unknown>): string {
  const commit = commitId();
  const file = path.resolve('bench/results', `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const report = {
    bench: name,
    commit,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() },
    ...body,
  };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\n${name} @ ${commit}\n\n${table}\n\nwritten to ${path.relative(process.cwd(), file)}`);
  return file;
}

/** A rate bench's rows as a table and JSON (with the settings and anything else it measured). */
export function writeReport(name: string, rows: BenchRow[], extra: Record<string, unknown> = {}): string {
  const settings = { seconds: Number(process.env.BENCH_SECONDS ?? 10), webConcurrency: extra.webConcurrency };
  return writeResult(name, formatTable(rows), { settings, rows, ...extra });
}
