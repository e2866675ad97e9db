/**
 * Child processes measured for npm run bench: wall time, peak RSS of the
 * largest process (/usr/bin/time -v), and peak RSS of the whole process tree
 * sampled from /proc — Pagefind's Node API runs its indexer as a separate
 * binary that time -v does not always see.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Measured {
  ok: boolean;
  seconds: number;
  /** Peak resident set size in MB (largest process of the command), null when /usr/bin/time is absent. */
  peakMb: number | null;
  /** Peak of the summed RSS of the command's whole process tree, MB (sampled every 200 ms). */
  treeMb: number;
  /** User and system CPU seconds of the command and every descendant it waited for (/usr/bin/time), null without it. */
  cpu: { user: number; system: number } | null;
  /** The lines of its output (stdout and stderr) that matched `keep`, as they came; none without it. */
  kept: string[];
  output: string;
}

const TIME = '/usr/bin/time';

/** Resident set sizes (kB) of `root` and all its descendants, from /proc. */
function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      // "PPid:\t123" and "VmRSS:\t 4567 kB" lines of /proc/<pid>/status.
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      rss.set(Number(name), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** `keep`: the output lines to hand back whole (Measured.kept), e.g. a stage's NIANBAO_TIMINGS lines among thousands. */
export async function measure(command: string, args: string[], env: Record<string, string> = {}, keep?: RegExp): Promise<Measured> {
  const started = process.hrtime.bigint();
  const timed = existsSync(TIME);
  const child = spawn(timed ? TIME : command, timed ? ['-v', command, ...args] : args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-8000)));
  const kept: string[] = [];
  const keepLine = (line: string) => {
    if (keep?.test(line)) kept.push(line);
  };
  // readline hands over whole lines, a line split across chunks and a last one without a line end too.
  if (keep) for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', keepLine);
  let treeKb = 0;
  const sampler = setInterval(() => {
    if (child.pid) treeKb = Math.max(treeKb, treeRssKb(child.pid));
  }, 200);
  const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // "Maximum resident set size (kbytes): 123456" from GNU time -v.
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  // "User time (seconds): 1.23" and "System time (seconds): 0.45" from GNU time -v.
  const user = /User time \(seconds\): ([\d.]+)/.exec(err);
  const system = /System time \(seconds\): ([\d.]+)/.exec(err);
  const cpu = user && system ? { user: Number(user[1]), system: Number(system[1]) } : null;
  return { ok: status === 0, seconds, peakMb: rss ? Number(rss[1]) / 1024 : null, treeMb: treeKb / 1024, cpu, kept, output: `${out}${err}`.slice(-4000) };
}

export function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    n += st.isDirectory() ? dirBytes(full) : st.size;
  }
  return n;
}

export function fileCount(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    n += statSync(full).isDirectory() ? fileCount(full) : 1;
  }
  return n;
}
