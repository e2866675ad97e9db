/**
 * Which damaged cells the table's own arithmetic makes knowable.
 *
 * A damaged part of a table (digits glued across a row, a row with one cell
 * fewer) has several readings ("alternatives"). A cell is knowable when every
 * reading that is consistent with the identities fixes it to the same value.
 * Unknowns are solved by propagation (an identity with exactly one unknown
 * fixes it); counts must come out as non-negative integers.
 */

export type Key = string;
export interface LinearIdentity {
  left: readonly Key[];
  right: readonly Key[];
}
/** One reading of a damaged part: a value for each of its cells, null where the reading leaves it unknown. */
export type Alternative = ReadonlyMap<Key, number | null>;

/** Most readings to try before giving up (then nothing damaged counts as knowable). */
const MAX_COMBINATIONS = 20_000;

/**
 * Solves unknowns by propagation; null when the reading contradicts an
 * identity. An identity that names a cell absent from `values` (a cell of
 * another damaged part, not yet read) says nothing and is skipped.
 */
function propagate(identities: readonly LinearIdentity[], values: Map<Key, number | null>): Map<Key, number | null> | null {
  const usable = identities.filter((id) => [...id.left, ...id.right].every((k) => values.has(k)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of usable) {
      let unknown: Key | null = null;
      let unknowns = 0;
      let sign = 0;
      let balance = 0;
      for (const [keys, s] of [[id.left, 1], [id.right, -1]] as const) {
        for (const k of keys) {
          const v = values.get(k)!;
          if (v === null) {
            unknowns++;
            unknown = k;
            sign += s;
          } else balance += s * v;
        }
      }
      if (unknowns === 0) {
        if (Math.abs(balance) > 1e-9) return null;
      } else if (unknowns === 1 && sign !== 0) {
        const v = -balance / sign;
        if (v < 0 || !Number.isInteger(v)) return null;
        values.set(unknown!, v);
        changed = true;
      }
    }
  }
  return values;
}

/** Only identities that touch a damaged cell decide; a failure elsewhere is the source's, not ours. */
function relevant(identities: readonly LinearIdentity[], damaged: ReadonlySet<Key>): LinearIdentity[] {
  return identities.filter((id) => [...id.left, ...id.right].some((k) => damaged.has(k)));
}

/**
 * @param known every undamaged cell's value (null for cells with no number)
 * @param groups alternatives for each damaged part
 * @returns for every damaged cell its value when knowable, else null
 */
export function knowableValues(identities: readonly LinearIdentity[], known: ReadonlyMap<Key, number | null>, groups: readonly (readonly Alternative[])[]): Map<Key, number | null> {
  const damaged = new Set<Key>(groups.flatMap((g) => g.flatMap((alt) => [...alt.keys()])));
  const ids = relevant(identities, damaged);
  const result = new Map<Key, number | null>([...damaged].map((k) => [k, null]));
  // Prune each group alone first: a reading that fails an identity on its own is never right.
  const pruned = groups.map((g) => g.filter((alt) => propagate(ids, new Map([...known, ...alt])) !== null));
  const combinations = pruned.reduce((n, g) => n * g.length, 1);
  if (combinations === 0 || combinations > MAX_COMBINATIONS) return result;
  let agreed: Map<Key, number | null> | null = null;
  const choose = (i: number, acc: Map<Key, number | null>): void => {
    if (i === pruned.length) {
      const solved = propagate(ids, new Map(acc));
      if (!solved) return;
      if (!agreed) agreed = new Map([...damaged].map((k) => [k, solved.get(k) ?? null]));
      else for (const k of damaged) if (agreed.get(k) !== (solved.get(k) ?? null)) agreed.set(k, null);
      return;
    }
    for (const alt of pruned[i]!) choose(i + 1, new Map([...acc, ...alt]));
  };
  choose(0, new Map(known));
  return agreed ?? result;
}

/** sum(left) = sum(right) over the parts of one split (part indexes). */
export interface PartIdentity {
  left: readonly number[];
  right: readonly number[];
}

/** True unless an identity whose last part is the newest one fails. */
function partsHold(acc: readonly number[], identities: readonly PartIdentity[]): boolean {
  const newest = acc.length - 1;
  for (const id of identities) {
    if (Math.max(...id.left, ...id.right) !== newest) continue;
    const sum = (ps: readonly number[]) => ps.reduce((n, p) => n + acc[p]!, 0);
    if (sum(id.left) !== sum(id.right)) return false;
  }
  return true;
}

/**
 * Every way to cut a digit string into `parts` non-negative integers without
 * leading zeros. With the row's own identities (its totals, by part index),
 * a partial cut that breaks one is dropped as soon as its parts are cut, so a
 * long run is listed whole. When more than `limit` splits are left, or the
 * search visits more than `limit` × 10 partial cuts, the list is not whole:
 * [] is returned (no reading is known, so nothing counts as knowable), never
 * a part of the list taken for all of it.
 */
export function digitSplits(digits: string, parts: number, limit = 100_000, identities: readonly PartIdentity[] = []): number[][] {
  const out: number[][] = [];
  let visits = 0;
  let whole = true;
  const walk = (from: number, acc: number[]) => {
    if (!whole) return;
    if (out.length > limit || ++visits > limit * 10) {
      whole = false;
      return;
    }
    if (acc.length === parts - 1) {
      const rest = digits.slice(from);
      if (rest.length > 0 && (rest === '0' || rest[0] !== '0')) {
        const split = [...acc, Number(rest)];
        if (partsHold(split, identities)) out.push(split);
      }
      return;
    }
    const maxLen = digits.length - from - (parts - 1 - acc.length);
    for (let len = 1; len <= maxLen; len++) {
      const piece = digits.slice(from, from + len);
      if (len > 1 && piece[0] === '0') break;
      const next = [...acc, Number(piece)];
      if (partsHold(next, identities)) walk(from + len, next);
    }
  };
  walk(0, []);
  return whole ? out : [];
}
