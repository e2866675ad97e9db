/**
 * A whole generated report as text: title, publication line, introduction,
 * the six parts (tables 二–四 written by the tables stage's renderer), in one
 * layout, with the noise of real pages (site chrome, injected spam,
 * half-width punctuation).
 */
import type { SectionCode } from '../schema/codes.ts';
import type { ReportTables } from '../schema/types.ts';
import type { AgencyTruth } from './regions.ts';
import { renderTables, withPageNumbers, wrapParagraph, type Layout } from './layouts.ts';
import { generalPart, otherPart, problemsPart, spamLines, type NarrativeInput } from './narrative.ts';
import type { Rng } from './prng.ts';

export interface DocumentInput {
  agency: AgencyTruth;
  year: number;
  published: string;
  layout: Layout;
  /** The tables as printed; null when the report has none (parts 二–四 in prose). */
  tables: ReportTables | null;
  narrative: NarrativeInput;
  omit: ReadonlySet<SectionCode>;
  spam: boolean;
  chrome: boolean;
  titleStyle: 'one-line' | 'two-lines' | 'none';
  halfWidth: boolean;
}

type Piece = { kind: 'heading' | 'paragraph' | 'tables'; text: string };

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

function pieces(d: DocumentInput, rng: Rng): Piece[] {
  const out: Piece[] = [];
  const heading = (text: string) => out.push({ kind: 'heading', text });
  const para = (text: string) => out.push({ kind: 'paragraph', text });
  const title = `${d.year}年政府信息公开工作年度报告`;
  if (d.titleStyle === 'one-line') heading(`${d.agency.agency_name}${title}`);
  if (d.titleStyle === 'two-lines') heading(d.agency.agency_name), heading(title);
  if (rng.chance(0.6)) para(`发布时间：${d.published} ${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);
  para(intro(d, rng));
  const general = generalPart(rng, d.narrative);
  if (d.spam) general.splice(rng.int(1, 3), 0, ...spamLines(rng));
  heading('一、总体情况');
  general.forEach(para);
  if (d.tables) out.push({ kind: 'tables', text: renderTables(d.tables, d.layout, rng).trimEnd() });
  else {
    const n = d.narrative;
    heading('二、主动公开政府信息情况');
    para(`${n.year}年，主动公开各类政府信息${n.published}条。`);
    heading('三、收到和处理政府信息公开申请情况');
    para(`${n.year}年，共收到政府信息公开申请${n.received}件，均已按时答复。`);
    heading('四、政府信息公开行政复议、行政诉讼情况');
    para(`${n.year}年，未发生因政府信息公开引起的行政复议、行政诉讼。`);
    heading('五、存在的主要问题及改进情况');
  }
  problemsPart(rng, d.narrative).forEach(para);
  if (!d.omit.has('other_matters')) {
    heading('六、其他需要报告的事项');
    otherPart(rng, d.narrative).forEach(para);
  }
  const [y, m, day] = d.published.split('-').map(Number);
  para(d.agency.agency_name);
  para(`${y}年${m}月${day}日`);
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function layOut(parts: Piece[], layout: Layout, rng: Rng): string {
  if (layout === 'html') return parts.map((p) => (p.kind === 'tables' ? p.text : p.kind === 'heading' ? `<h3>${escapeHtml(p.text)}</h3>` : `<p>${escapeHtml(p.text)}</p>`)).join('\n');
  if (layout === 'one-line') return parts.map((p) => p.text).join('');
  const lines: string[] = [];
  for (const p of parts) {
    if (layout === 'pdf-text' && p.kind === 'paragraph') lines.push(...wrapParagraph(p.text, rng.int(28, 34)));
    else lines.push(p.text, ...(layout === 'cell-per-line' ? [''] : []));
  }
  return (layout === 'pdf-text' ? withPageNumbers(lines.join('\n').split('\n')) : lines).join('\n');
}

/** Half-width punctuation, as many sites print it: （）：，； → ():,; */
function toHalfWidth(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ',').replace(/；/g, ';');
}

export function renderDocument(d: DocumentInput, rng: Rng): string {
  const body = layOut(pieces(d, rng), d.layout, rng);
  const text = d.halfWidth ? toHalfWidth(body) : body;
  if (d.layout === 'html') {
    const top = d.chrome ? chromeTop(rng, d).map((l) => `<div class="crumb">${l}</div>`).join('\n') : '';
    const bottom = d.chrome ? chromeBottom(rng, d).map((l) => `<div class="footer">${l}</div>`).join('\n') : '';
    return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>${escapeHtml(d.agency.agency_name)}</title></head>\n<body>\n${top}\n<div class="article">\n${text}\n</div>\n${bottom}\n</body>\n</html>\n`;
  }
  if (!d.chrome) return `${text}\n`;
  return `${[...chromeTop(rng, d), text, ...chromeBottom(rng, d)].join('\n')}\n`;
}
