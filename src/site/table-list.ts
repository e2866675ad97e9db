/** Every aggregated table of /tables/, in the order they are listed; computed once per build for the pages and CSVs. */
import type { AggTable } from './aggregate.ts';
import type { ReportSummary } from './summary.ts';
import { applicationsBy, disclosureRates, nonDisclosureReasons } from './tables.ts';
import { article20, dataQuality, ranking, reviewLitigation } from './tables-more.ts';

// The table index, every table page and every CSV route ask for the same list.
const cache = new WeakMap<readonly ReportSummary[], AggTable[]>();

export function aggregatedTables(all: readonly ReportSummary[]): AggTable[] {
  const cached = cache.get(all);
  if (cached) return cached;
  const tables = [
    applicationsBy(all, 'province'),
    applicationsBy(all, 'admin_level'),
    applicationsBy(all, 'template'),
    disclosureRates(all),
    nonDisclosureReasons(all),
    reviewLitigation(all),
    article20(all),
    ranking(all),
    dataQuality(all),
  ];
  cache.set(all, tables);
  return tables;
}
