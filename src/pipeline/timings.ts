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
