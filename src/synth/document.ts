/**
 * A whole generated report as text: title, publication line, introduction,
 * the six parts with tables 二–四, laid out in one layout, with the noise of
 * real pages (site chrome, injected spam, half-width punctuation).
 */
import { SECTIONS, type SectionCode } from '../schema/codes.ts';
import type { AgencyTruth } from './regions.ts';
import type { TableGrid } from './grid.ts';
import { layOut, type Block, type Layout } from './layouts.ts';
import { generalPart, otherPart, problemsPart, spamLines, type NarrativeInput } from './narrative.ts';
import type { Rng } from './prng.ts';

export interface DocumentInput {
  agency: AgencyTruth;
  year: number;
  published: string;
  layout: Layout;
  /** null when the report has no tables (parts 二–四 in prose). */
  grids: Record<TableGrid['table'], TableGrid> | null;
  narrative: NarrativeInput;
  omit: ReadonlySet<SectionCode>;
  spam: boolean;
  chrome: boolean;
  titleStyle: 'one-line' | 'two-lines' | 'none';
  halfWidth: boolean;
}

const TABLE_OF: Partial<Record<SectionCode, TableGrid['table']>> = { proactive_disclosure: 'proactive_disclosure', applications: 'applications', review_litigation: 'review_litigation' };

function chromeTop(rng: Rng, d: DocumentInput): string[] {
  return [rng.pick(['首页 > 政务公开 > 政府信息公开年报', `当前位置：首页 > 政府信息公开 > 政府信息公开年报 > ${d.year}年`]), '【字体：大 中 小】 打印本页 关闭窗口'];
}

function chromeBottom(rng: Rng, d: DocumentInput): string[] {
  return [`主办：${d.agency.government}办公室　承办：${d.agency.city ?? d.agency.province}大数据中心`, `网站标识码：${rng.int(1000000000, 9999999999)}　ICP备${rng.int(10000000, 99999999)}号`, '联系我们 | 网站地图 | 隐私声明 | 无障碍浏览'];
}

function intro(d: DocumentInput, rng: Rng): string {
  const a = d.agency;
  const phone = `0${rng.int(10, 999)}-${rng.int(2000000, 8999999)}`;
  return `本报告由${a.agency_name}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。报告中所列数据统计期限自${d.year}年1月1日起至${d.year}年12月31日止。本报告电子版可在${a.domain}查阅。如对本报告有疑问，请与${a.agency_name}联系（地址：${a.city ?? a.province}${a.county ?? ''}人民路${rng.int(1, 300)}号，邮编：${rng.int(100000, 860000)}，电话：${phone}）。`;
}

/** Prose in place of tables, for reports that print none. */
function proseFor(code: SectionCode, n: NarrativeInput): string {
  if (code === 'applications') return `${n.year}年，共收到政府信息公开申请${n.received}件，均已按时答复。`;
  if (code === 'review_litigation') return `${n.year}年，未发生因政府信息公开引起的行政复议、行政诉讼。`;
  return `${n.year}年，主动公开各类政府信息${n.published}条。`;
}

export function buildBlocks(d: DocumentInput, rng: Rng): Block[] {
  const blocks: Block[] = [];
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  const title = `${d.year}年政府信息公开工作年度报告`;
  if (d.titleStyle === 'one-line') blocks.push({ kind: 'heading', text: `${d.agency.agency_name}${title}` });
  if (d.titleStyle === 'two-lines') blocks.push({ kind: 'heading', text: d.agency.agency_name }, { kind: 'heading', text: title });
  if (rng.chance(0.6)) p(`发布时间：${d.published} ${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);
  p(intro(d, rng));
  const parts: Record<string, string[]> = { general: generalPart(rng, d.narrative), problems: problemsPart(rng, d.narrative), other_matters: otherPart(rng, d.narrative) };
  if (d.spam) parts.general!.splice(rng.int(1, 3), 0, ...spamLines(rng));
  for (const s of SECTIONS) {
    if (d.omit.has(s.code)) continue;
    blocks.push({ kind: 'heading', text: `${s.numeral}、${s.zh}` });
    const table = TABLE_OF[s.code];
    if (table) {
      if (d.grids) blocks.push({ kind: 'table', grid: d.grids[table] });
      else p(proseFor(s.code, d.narrative));
    } else for (const para of parts[s.code]!) p(para);
  }
  const [y, m, day] = d.published.split('-').map(Number);
  blocks.push({ kind: 'paragraph', text: d.agency.agency_name }, { kind: 'paragraph', text: `${y}年${m}月${day}日` });
  return blocks;
}

/** Half-width punctuation, as many sites print it: （）：，； → ():,; */
function toHalfWidth(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ',').replace(/；/g, ';');
}

export function renderDocument(d: DocumentInput, rng: Rng): string {
  const body = layOut(buildBlocks(d, rng), d.layout, rng);
  const text = d.halfWidth ? toHalfWidth(body) : body;
  if (d.layout === 'html') {
    const top = d.chrome ? chromeTop(rng, d).map((l) => `<div class="crumb">${l}</div>`).join('\n') : '';
    const bottom = d.chrome ? chromeBottom(rng, d).map((l) => `<div class="footer">${l}</div>`).join('\n') : '';
    return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>${d.agency.agency_name}</title></head>\n<body>\n${top}\n<div class="article">\n${text}\n</div>\n${bottom}\n</body>\n</html>\n`;
  }
  if (!d.chrome) return `${text}\n`;
  return `${[...chromeTop(rng, d), text, ...chromeBottom(rng, d)].join('\n')}\n`;
}
