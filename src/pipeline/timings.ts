/**
 * NIANBAO_TIMINGS=1: a stage-by-stage breakdown of the data stage on stderr
 * (wall and this thread's CPU milliseconds since the previous mark). Off by
 * default; never part of what is written.
 */
const enabled = process.env.NIANBAO_TIMINGS === '1';

export interface Timer {
  mark(label: string): void;
}

export function timer(scope: string): Timer {
  if (!enabled) return { mark: () => {} };
  let wall = performance.now();
  let cpu = process.cpuUsage();
  return {
    mark(label) {
      const nowWall = performance.now();
      const used = process.cpuUsage(cpu);
      process.stderr.write(`timings: ${scope} ${label} ${(nowWall - wall).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms cpu\n`);
      wall = nowWall;
      cpu = process.cpuUsage();
    },
  };
}

/** One line a timer writes, read back (npm run bench reads the data stage's parse step from it). */
export interface TimingLine {
  scope: string;
  label: string;
  wallMs: number;
  cpuMs: number;
}

// "timings: <scope> <label> <wall> ms wall, <cpu> ms cpu", as mark() writes it; the label may hold spaces.
const LINE = /^timings: (\S+) (.+) (\d+) ms wall, (\d+) ms cpu$/;

export function parseTimingLine(line: string): TimingLine | null {
  const m = LINE.exec(line);
  return m ? { scope: m[1]!, label: m[2]!, wallMs: Number(m[3]), cpuMs: Number(m[4]) } : null;
}
