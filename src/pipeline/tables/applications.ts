/** Table 三 (applications): rows by label, the seven applicant columns in template order, the arithmetic to settle glued or short rows. */
import { APPLICANTS, APPLICATION_ROWS, applicationRowsFor, type TemplateCode } from '../../schema/codes.ts';
import { applicationIdentities } from '../../schema/identities.ts';
import type { CellStatus } from '../../schema/codes.ts';
import type { ApplicationCell, ParsedTable } from '../../schema/types.ts';
import { findRows, type FoundRow } from './labels.ts';
import { MISSING_CELL, perRow, printedAsIs, printedPieces, printedStatus, resolveListed, type GridIdentity, type RowNote } from './resolve.ts';
import { readRow, surplusSideOf, type ColumnRules, type RowIdentity, type RowReading } from './split.ts';
import { listOfLength } from './slots.ts';
import type { Token } from './tokens.ts';

const COLUMNS = APPLICANTS.map((a) => a.code);

/** A cell of the table: every one is made here, so all have one shape (the contract's field order). */
function applicationCell(row: ApplicationCell['row'], applicant: ApplicationCell['applicant'], status: CellStatus, value: number | null, raw: string | null, unit: string | null): ApplicationCell {
  return { row, applicant, status, value, raw, unit };
}
// Primed at load, as sourcedPiece is (values.ts), and written once more, as the cells of a table not present are.
Object.assign(applicationCell('received_new', 'total', 'missing', null, null, null), MISSING_CELL);
Object.assign(applicationCell('received_new', 'total', 'reported', 0.5, '', '元'), MISSING_CELL);
const NO_SIGNS = { signed: () => false, decimal: () => false };

export interface TableRead<C> {
  table: ParsedTable<C>;
  notes: RowNote[];
  /** Column codes by index, for findings. */
  columns: readonly string[];
}

const IDENTITIES = new Map<TemplateCode, GridIdentity[]>();
function gridIdentities(template: TemplateCode): GridIdentity[] {
  let ids = IDENTITIES.get(template);
  if (!ids) {
    ids = applicationIdentities(template).map((id) => ({
      left: id.left.map((k): [string, number] => [k.row, COLUMNS.indexOf(k.applicant)]),
      right: id.right.map((k): [string, number] => [k.row, COLUMNS.indexOf(k.applicant)]),
    }));
    IDENTITIES.set(template, ids);
  }
  return ids;
}

/** The identities among one row's own cells (its total), by column. */
function rowIdentities(identities: GridIdentity[], row: string): RowIdentity[] {
  return identities
    .filter((id) => [...id.left, ...id.right].every(([r]) => r === row))
    .map((id) => ({ left: id.left.map(([, c]) => c), right: id.right.map(([, c]) => c) }));
}

// Per template, each row's identities: the same for every report, and read only.
const ROW_IDENTITIES = new Map<TemplateCode, Map<string, RowIdentity[]>>();
const rowIdentitiesFor = (template: TemplateCode, row: string): RowIdentity[] => perRow(ROW_IDENTITIES, template, row, () => rowIdentities(gridIdentities(template), row));

/** Template from the rows found: the 其他处理 sub-rows are 2021's; a 其他处理 row without them is 2019's. */
function templateOf(found: readonly FoundRow[]): TemplateCode | null {
  let handling = false;
  for (const r of found) {
    if (r.code === 'other_no_correction' || r.code === 'other_fee_unpaid') return '2021';
    if (r.code === 'other_handling') handling = true;
  }
  return handling ? '2019' : null;
}

/** A template's rows, each with its column rules (its own identities); their codes; each code's row index. */
interface RowLayout {
  defs: { code: string; rules: ColumnRules }[];
  codes: string[];
  indexOf: Map<string, number>;
}

/** Per template, its RowLayout: the same for every report. */
const ROWS = new Map<TemplateCode, RowLayout>();
function rowsFor(template: TemplateCode): RowLayout {
  let rows = ROWS.get(template);
  if (!rows) {
    const defs = applicationRowsFor(template).map((def) => ({ code: def.code, rules: { ...NO_SIGNS, identities: rowIdentitiesFor(template, def.code) } }));
    rows = { defs, codes: defs.map((d) => d.code), indexOf: new Map(defs.map((d, k) => [d.code, k])) };
    ROWS.set(template, rows);
  }
  return rows;
}

export function readApplications(tokens: Token[] | null, fallback: TemplateCode): TableRead<ApplicationCell> {
  const rows = tokens ? findRows(tokens, APPLICATION_ROWS) : [];
  const detected = templateOf(rows);
  const template = detected ?? fallback;
  const { defs, codes, indexOf } = rowsFor(template);
  // Each template row's printed values, by row index (findRows gives each code one row at most).
  const found: (FoundRow | undefined)[] = new Array(defs.length).fill(undefined);
  for (const r of rows) {
    const k = indexOf.get(r.code);
    if (k !== undefined) found[k] = r;
  }
  const readings: (RowReading | null)[] = [];
  const side = tokens ? surplusSideOf(tokens, rows, () => COLUMNS.length) : null;
  const identities = gridIdentities(template);
  for (let k = 0; k < defs.length; k++) {
    const row = found[k];
    readings.push(row ? readRow(tokens!, COLUMNS.length, defs[k]!.rules, side, row.from, row.to) : null);
  }
  // The usual table, every row printed cell for cell: read as printed, with no maps made (see printedAsIs).
  const resolved = printedAsIs(readings) ? null : resolveListed(codes, readings, () => COLUMNS.length, identities);
  // Made at its size: every template row has a cell per applicant.
  const out = listOfLength<ApplicationCell>(defs.length * COLUMNS.length);
  let at = 0;
  let anyPrinted = false;
  for (let k = 0; k < defs.length; k++) {
    const def = defs[k]!;
    const pieces = resolved ? resolved.printed.get(def.code) : printedPieces(readings[k]!);
    const row = resolved?.cells.get(def.code);
    const code = def.code as ApplicationCell['row'];
    for (let i = 0; i < COLUMNS.length; i++) {
      const applicant = COLUMNS[i]!;
      const p = pieces?.[i];
      if (p) {
        // A printed cell, as printedCell gives it.
        const status = printedStatus(p);
        const num = p.kind === 'num';
        out[at++] = applicationCell(code, applicant, status, num ? p.value : null, p.kind === 'blank' ? '' : p.raw, num ? p.unit : null);
        if (status !== 'blank') anyPrinted = true;
        continue;
      }
      // A resolved cell, or a missing one (one call for both: V8 compiles no separate path for the rarer).
      const c = (pieces ? undefined : row?.[i]) ?? MISSING_CELL;
      // Fields copied one by one: an object spread here cost more than reading the row.
      out[at++] = applicationCell(code, applicant, c.status, c.value, c.raw, c.unit);
      if (c.status !== 'missing' && c.status !== 'blank') anyPrinted = true;
    }
  }
  const status = rows.length === 0 ? 'missing' : anyPrinted ? 'present' : 'empty';
  if (status !== 'present') for (const c of out) Object.assign(c, MISSING_CELL);
  return { table: { status, template: status === 'present' ? (detected ?? fallback) : detected, cells: out }, notes: resolved ? resolved.notes : [], columns: COLUMNS };
}
