/**
 * Where the tokenisers put the tokens they make: list[0, count) of a list reused
 * from one region to the next (it only grows). A region's tokens are copied out
 * once, at their number (sunkTokens), instead of growing a new array by push for
 * every region, which leaves each smaller backing store behind as garbage.
 *
 * A token is appended with `sink.list[sink.count++] = t` (over a token an earlier
 * region left there, or at the list's end), written out where it is done: a call
 * per token would cost, in the interpreter, until the callers are optimised.
 */
import type { Token } from './tokens.ts';
import { emptyList } from '../packed.ts';

export interface TokenSink {
  list: Token[];
  count: number;
}

export function tokenSink(): TokenSink {
  return { list: emptyList<Token>(), count: 0 };
}

/**
 * Room for `n` tokens in the sink's list (`filler` in the new places), made before a region
 * or piece is tokenised: a store past the list's end grows it, and optimised code that had
 * not met one is thrown away and compiled again, as each larger region did in turn.
 */
export function sinkRoom(sink: TokenSink, n: number, filler: Token): void {
  const list = sink.list;
  while (list.length < n) list.push(filler);
}

/** The tokens appended since the sink was emptied (count set to 0), as a list of their own. */
export function sunkTokens(sink: TokenSink): Token[] {
  return sink.list.slice(0, sink.count);
}
