/**
 * One worker of parse-cores.ts: reads its share of the reports, says so,
 * waits for the common start, parses them in order and sends back its times.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { listContentFiles, readInputFile, readSourcesManifest } from '../../pipeline/read.ts';
import { parseReport } from '../../pipeline/report.ts';
import type { CoresRun, WorkerTimes } from './parse-cores.ts';

const { content, workers, perWorker, warmUp, k, go } = workerData as CoresRun & { k: number; go: SharedArrayBuffer };
const manifest = readSourcesManifest(content);
const paths = listContentFiles(content);
const files = [];
for (let i = k; i < paths.length && files.length < perWorker; i += workers) files.push(readInputFile(content, paths[i]!, manifest, undefined, i));
parentPort!.postMessage('read');
Atomics.wait(new Int32Array(go), 0, 0);

const cpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};
const start = performance.now();
const startCpu = cpuMs();
let warmStart = start;
let warmStartCpu = startCpu;
for (let i = 0; i < files.length; i++) {
  if (i === warmUp && warmUp > 0) {
    warmStart = performance.now();
    warmStartCpu = cpuMs();
  }
  parseReport(files[i]!);
}
const end = performance.now();
const endCpu = cpuMs();
const warmReports = warmUp > 0 && files.length > warmUp ? files.length - warmUp : 0;
const times: WorkerTimes = {
  reports: files.length,
  wallMs: end - start,
  cpuMs: endCpu - startCpu,
  warmReports,
  warmWallMs: warmReports ? end - warmStart : 0,
  warmCpuMs: warmReports ? endCpu - warmStartCpu : 0,
};
parentPort!.postMessage(times);
