/**
 * Narrative parts (一 总体情况, 五 问题及改进, 六 其他事项) in the vocabulary of
 * real reports, so the search index is exercised by realistic text.
 */
import type { Rng } from './prng.ts';

export interface NarrativeInput {
  agency: string;
  short: string;
  year: number;
  /** 本年新收 total from table 三, stated in the overview as real reports do. */
  received: number;
  published: number;
}

const TOPICS = ['疫情防控', '政务新媒体', '12345热线', '优化营商环境', '乡村振兴', '“放管服”改革', '基层政务公开标准化规范化', '重大建设项目', '财政预决算', '安全生产', '生态环境保护', '义务教育', '医疗保障', '养老服务', '就业创业', '住房保障', '食品药品监管', '政策解读', '政府开放日', '一网通办', '“十四五”规划', '减税降费', '防汛抗旱', '城乡低保'];
const CHANNELS = ['政府门户网站', '政务微博', '微信公众号', '政务新媒体矩阵', '政府公报', '新闻发布会', '政务服务大厅', '12345政务服务便民热线', '信息公开专栏'];
const MEASURES = ['严格落实“三审三校”制度', '坚持“先审后发”', '建立健全政务公开工作机制', '定期开展网站巡查', '加强保密审查', '推进政策解读与文件同步起草、同步审签、同步发布', '畅通依申请公开渠道', '规范依申请公开办理流程', '加强政府信息公开平台建设', '开展政务公开业务培训'];
const PROBLEMS = ['政策解读形式较为单一', '信息发布的及时性有待提升', '部分栏目更新不及时', '工作人员业务能力有待加强', '依申请公开答复规范性有待提高', '政务新媒体运维管理还需加强', '公众参与度不高', '基层政务公开标准目录梳理不够细'];
const FIXES = ['丰富图解、视频等多种解读形式', '加强业务培训', '健全考核评估机制', '强化栏目日常维护', '规范答复文书', '加强对政务新媒体的监管', '拓展公众参与渠道', '完善基层政务公开标准目录'];
const ORDINALS = ['一', '二', '三', '四', '五'];

function some<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}

export function generalPart(rng: Rng, n: NarrativeInput): string[] {
  const topics = some(rng, TOPICS, 4);
  const channels = some(rng, CHANNELS, 3);
  const paras = [
    `${n.year}年，${n.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕${topics[0]}、${topics[1]}等重点工作，${rng.pick(MEASURES)}，政府信息公开工作取得新成效。`,
    `（一）主动公开情况。全年通过${channels.join('、')}等渠道主动公开政府信息${n.published}条，其中${topics[2]}相关信息${rng.int(5, 300)}条，政策解读${rng.int(1, 60)}篇。`,
    `（二）依申请公开情况。${n.year}年，${n.short}共收到政府信息公开申请${n.received}件，均在法定期限内予以答复。${rng.pick(MEASURES)}，确保依申请公开工作规范有序。`,
    `（三）政府信息管理情况。${rng.pick(MEASURES)}，${rng.pick(MEASURES)}，从严把好政治关、法律关、政策关、保密关、文字关。`,
    `（四）政府信息公开平台建设情况。加强${channels[0]}建设管理，做好${topics[3]}专题专栏，及时回应社会关切，12345热线群众诉求办理情况定期公开。`,
    `（五）监督保障情况。将政务公开工作纳入年度绩效考核，主动接受社会监督，全年未发生因政府信息公开引发的重大舆情。`,
  ];
  return paras;
}

export function problemsPart(rng: Rng, n: NarrativeInput): string[] {
  const problems = some(rng, PROBLEMS, 3);
  const fixes = some(rng, FIXES, 3);
  return [
    `${n.year}年，${n.short}政府信息公开工作虽取得一定成效，但仍存在一些不足：${problems.map((p, i) => `${ORDINALS[i]}是${p}`).join('；')}。`,
    `${n.year + 1}年，我们将${fixes.map((f, i) => `${ORDINALS[i]}是${f}`).join('；')}，不断提升政务公开质量和实效。`,
  ];
}

export function otherPart(rng: Rng, n: NarrativeInput): string[] {
  const fee = rng.chance(0.9) ? `${n.year}年，${n.short}未收取信息处理费。` : `${n.year}年，${n.short}按照《政府信息公开信息处理费管理办法》收取信息处理费${rng.int(1, 9) * 100}元。`;
  return [fee, `（二）人大代表建议和政协委员提案办理结果公开情况。全年办理人大代表建议${rng.int(0, 60)}件、政协委员提案${rng.int(0, 80)}件，办理结果均已公开。`, `（三）政务公开工作要点落实情况。按照年度政务公开工作要点，做好${rng.pick(TOPICS)}、${rng.pick(TOPICS)}等领域信息公开。`];
}

/** Injected gambling spam of the kind found in hacked pages. */
export function spamLines(rng: Rng): string[] {
  const brand = rng.pick(['立博平台', '澳门新葡京', '皇冠体育', '威尼斯人娱乐', '金沙娱乐城']);
  return [`${brand}官网 注册送彩金 ${rng.int(18, 888)}元 ${brand}APP下载`, `${brand}（中国）官方网站-登录入口`];
}
