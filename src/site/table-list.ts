/** Every aggregated table of /tables/, in the order they are listed. */
import type { AggTable } from './aggregate.ts';
import type { ReportSummary } from './load.ts';
import { analyse, applicationsBy, disclosureRates, nonDisclosureReasons } from './tables.ts';
import { article20, dataQuality, ranking, reviewLitigation } from './tables-more.ts';

export function aggregatedTables(reports: readonly ReportSummary[]): AggTable[] {
  const all = analyse(reports);
  return [
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
}
