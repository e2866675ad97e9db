/** Every aggregated table of /tables/, in the order they are listed; computed once per build for the pages and CSVs. */
import type { AggTable } from './aggregate.ts';
import type { ReportSummary } from './load.ts';
import { analyse, applicationsBy, disclosureRates, nonDisclosureReasons } from './tables.ts';
import { article20, dataQuality, ranking, reviewLitigation } from './tables-more.ts';

const cache = new WeakMap<readonly ReportSummary[], AggTable[]>();

export function aggregatedTables(reports: readonly ReportSummary[]): AggTable[] {
  const cached = cache.get(reports);
  if (cached) return cached;
  const all = analyse(reports);
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
  cache.set(reports, tables);
  return tables;
}
