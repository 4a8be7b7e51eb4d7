/**
 * `npm run bench -- <name>`: runs one benchmark from bench/ (each seeds a fresh embedded database,
 * starts the production server of this checkout's build, prints a table and writes
 * bench/results/<name>.json with the commit). Without a name, lists them. Never part of npm test.
 */
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'boot-config': () => import('./boot-config'),
  'boot-server': () => import('./boot-server'),
  'phase-callbacks': () => import('./phase-callbacks'),
  'installer-callbacks': () => import('./installer-callbacks'),
  'boot-images': () => import('./boot-images'),
  profile: () => import('./profile'),
  pages: () => import('./pages'),
  provisions: () => import('./provisions'),
};

async function main() {
  const name = process.argv[2];
  if (!name || !BENCHMARKS[name]) {
    console.log(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}>`);
    process.exitCode = name ? 2 : 0;
    return;
  }
  await (await BENCHMARKS[name]()).run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
