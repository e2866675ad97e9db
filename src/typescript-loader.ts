/**
 * How a child process or worker thread runs this project's TypeScript: with
 * Node's own type stripping when this Node has it (22.18+: no loader thread,
 * no transpiling, about half a second less per start), else through tsx's
 * loader. The one place that decides it; no imports, so loading it costs nothing.
 */
export const STRIPS_TYPES = Boolean((process.features as { typescript?: string | false }).typescript);

/** Node options to put before a TypeScript entry (a child's arguments, a worker's execArgv). */
export const TYPESCRIPT_NODE_ARGS: readonly string[] = STRIPS_TYPES ? [] : ['--import', 'tsx'];
