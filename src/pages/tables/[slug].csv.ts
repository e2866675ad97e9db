// Each aggregated table as CSV, written at build time by the data contract's CSV writer.
import type { APIRoute } from 'astro';
import { toCsv } from '../../pipeline/emit/csv.ts';
import type { AggTable } from '../../site/aggregate.ts';
import { loadSummaries } from '../../site/load.ts';
import { rendersAggregates } from '../../site/site-plan.ts';
import { aggregatedTables } from '../../site/table-list.ts';

// Left out when the build plan keeps the aggregate pages as they are.
export function getStaticPaths() {
  if (!rendersAggregates()) return [];
  return aggregatedTables(loadSummaries()).map((table) => ({ params: { slug: table.slug }, props: { table } }));
}

export const GET: APIRoute = ({ props }) => {
  const table = (props as { table: AggTable }).table;
  return new Response(toCsv(table, table.rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
