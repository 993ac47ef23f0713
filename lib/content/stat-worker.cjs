// The stat of each file named in workerData.files (absolute paths), taken in a worker thread so the seed's main
// thread can read what it kept meanwhile (lib/content/load.ts lookAhead). Plain CommonJS: a worker starts with no
// TypeScript loader. Answers one BigUint64Array, six numbers a file: kind (1 a regular file, 2 something else,
// 0 could not be looked at), dev, ino, size, mtimeNs, ctimeNs.
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

const files = workerData.files;
const found = new BigUint64Array(files.length * 6);
for (let index = 0; index < files.length; index++) {
  let stat;
  try {
    stat = fs.statSync(files[index], { bigint: true });
  } catch {
    // The loader looks again, and names the problem.
    continue;
  }
  const at = index * 6;
  found[at] = stat.isFile() ? 1n : 2n;
  found[at + 1] = stat.dev;
  found[at + 2] = stat.ino;
  found[at + 3] = stat.size;
  found[at + 4] = stat.mtimeNs;
  found[at + 5] = stat.ctimeNs;
}
parentPort.postMessage(found, [found.buffer]);
