/**
 * `npm run bench -- <name>`: runs one benchmark from bench/ (they start what they need and print
 * their figures). Without a name, lists them.
 */
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'boot-images': () => import('./boot-images'),
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
