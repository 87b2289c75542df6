/**
 * Child of bench/startup.mjs: prints how long importing argv[2] takes in this fresh process, after
 * a first dynamic import has warmed up the ESM loader (which every real start pays once anyway).
 */
await import('node:path');
const t0 = performance.now();
await import(process.argv[2]);
process.stdout.write(`${performance.now() - t0}\n`);
