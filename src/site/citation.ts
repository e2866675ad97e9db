/** Suggested citations and permalinks. Pure. */
import { reportPath } from './agencies.ts';

export const SITE_NAME = '政府信息公开工作年度报告数据（nianbao）';
export const SITE_URL = 'https://nianbao.example.org';

export function permalink(r: { agency_id: string | null; report_id: string }, site = SITE_URL): string {
  return new URL(reportPath(r), site).toString();
}

/** 机关：《N年政府信息公开工作年度报告》，数据集名，永久链接。 */
export function reportCitation(
  r: { agency_id: string | null; report_id: string; metadata: { agency_name: string | null; year: number | null } },
  site = SITE_URL,
): string {
  const agency = r.metadata.agency_name ?? '机关未能识别';
  const title = r.metadata.year ? `《${r.metadata.year}年政府信息公开工作年度报告》` : '《政府信息公开工作年度报告》';
  return `${agency}：${title}，载${SITE_NAME}，报告编号 ${r.report_id}，${permalink(r, site)}。`;
}

/** Citation of the whole data set. */
export function datasetCitation(version: string, site = SITE_URL): string {
  return `${SITE_NAME}，版本 ${version}，${new URL('/data/', site).toString()}，数据以 CC BY 4.0 许可发布。`;
}
