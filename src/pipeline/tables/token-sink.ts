/**
 * Where the tokenisers put the tokens they make: list[0, count) of a list reused
 * from one region to the next (it only grows). A region's tokens are copied out
 * once, at their number (sunkTokens), instead of growing a new array by push for
 * every region, which leaves each smaller backing store behind as garbage.
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

/** Appends t (over a token a previous region left there, or at the list's end). */
export function sinkToken(sink: TokenSink, t: Token): void {
  sink.list[sink.count++] = t;
}

/** The last token appended, or undefined when none is. */
export function lastSunk(sink: TokenSink): Token | undefined {
  return sink.count > 0 ? sink.list[sink.count - 1] : undefined;
}

/** The tokens appended since the sink was emptied (count set to 0), as a list of their own. */
export function sunkTokens(sink: TokenSink): Token[] {
  return sink.list.slice(0, sink.count);
}
