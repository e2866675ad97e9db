/**
 * The one list of codes: applicant columns, application rows, table 四 and
 * table 二 dimensions, statuses, rules. The parser, the CSV writer,
 * datapackage.json and the pages all import from here — never a second list.
 *
 * `match` lists label fragments (after normaliseForMatch) that identify a
 * row in a report; the first is the official wording.
 */

export type TemplateCode = '2019' | '2021';
export const TEMPLATES: readonly { code: TemplateCode; zh: string; en: string; years: string }[] = [
  { code: '2019', zh: '2019年版模板', en: 'Template 2019', years: '2019–2020' },
  { code: '2021', zh: '2021年版模板', en: 'Template 2021', years: '2021–' },
];

/** Which template a report on `year` must use. */
export function templateForYear(year: number): TemplateCode {
  return year >= 2021 ? '2021' : '2019';
}

export interface Coded {
  code: string;
  zh: string;
  en: string;
}

// ---------- table 三: applications ----------

export const APPLICANTS = [
  { code: 'natural_person', zh: '自然人', en: 'Natural persons', match: ['自然人'] },
  { code: 'commercial', zh: '法人或其他组织·商业企业', en: 'Legal persons/organisations: commercial enterprises', match: ['商业企业'] },
  { code: 'research', zh: '法人或其他组织·科研机构', en: 'Legal persons/organisations: research institutions', match: ['科研机构'] },
  { code: 'social_welfare', zh: '法人或其他组织·社会公益组织', en: 'Legal persons/organisations: social welfare organisations', match: ['社会公益组织', '社会组织', '公益组织'] },
  { code: 'legal_service', zh: '法人或其他组织·法律服务机构', en: 'Legal persons/organisations: legal service institutions', match: ['法律服务机构'] },
  { code: 'other_org', zh: '法人或其他组织·其他', en: 'Legal persons/organisations: other', match: ['其他'] },
  { code: 'total', zh: '总计', en: 'Total', match: ['总计'] },
] as const;
export type ApplicantCode = (typeof APPLICANTS)[number]['code'];

export type RowTemplates = readonly TemplateCode[];
const BOTH: RowTemplates = ['2019', '2021'];

export interface ApplicationRowDef {
  code: string;
  /** Official label as printed in the template. */
  zh: string;
  en: string;
  /** Template numbering, e.g. 三(三)1. */
  number: string;
  /** Parent heading of the template (三、本年度办理结果 › (三)不予公开). */
  group: string | null;
  templates: RowTemplates;
  match: readonly string[];
  /** Part of the outcome sum 三(一)…三(六). */
  outcome: boolean;
}

export const APPLICATION_ROWS = [
  { code: 'received_new', number: '一', group: null, zh: '本年新收政府信息公开申请数量', en: 'New applications received this year', templates: BOTH, match: ['本年新收政府信息公开申请数量', '本年新收'], outcome: false },
  { code: 'carried_over_in', number: '二', group: null, zh: '上年结转政府信息公开申请数量', en: 'Applications carried over from last year', templates: BOTH, match: ['上年结转政府信息公开申请数量', '上年结转'], outcome: false },
  { code: 'disclosed', number: '三(一)', group: '本年度办理结果', zh: '予以公开', en: 'Disclosed', templates: BOTH, match: ['予以公开'], outcome: true },
  { code: 'partially_disclosed', number: '三(二)', group: '本年度办理结果', zh: '部分公开', en: 'Partially disclosed', templates: BOTH, match: ['部分公开'], outcome: true },
  { code: 'withheld_state_secret', number: '三(三)1', group: '不予公开', zh: '属于国家秘密', en: 'Withheld: state secret', templates: BOTH, match: ['属于国家秘密', '国家秘密'], outcome: true },
  { code: 'withheld_prohibited_by_law', number: '三(三)2', group: '不予公开', zh: '其他法律行政法规禁止公开', en: 'Withheld: prohibited by other laws and regulations', templates: BOTH, match: ['其他法律行政法规禁止公开', '法律行政法规禁止公开', '行政止公开', '禁止公开'], outcome: true },
  { code: 'withheld_security_stability', number: '三(三)3', group: '不予公开', zh: '危及"三安全一稳定"', en: 'Withheld: endangers the "three securities and one stability"', templates: BOTH, match: ['危及三安全一稳定', '三安全一稳定'], outcome: true },
  { code: 'withheld_third_party', number: '三(三)4', group: '不予公开', zh: '保护第三方合法权益', en: "Withheld: protects a third party's lawful rights", templates: BOTH, match: ['保护第三方合法权益', '第三方合法权益'], outcome: true },
  { code: 'withheld_internal_affairs', number: '三(三)5', group: '不予公开', zh: '属于三类内部事务信息', en: 'Withheld: internal affairs information', templates: BOTH, match: ['属于三类内部事务信息', '内部事务信息'], outcome: true },
  { code: 'withheld_process_info', number: '三(三)6', group: '不予公开', zh: '属于四类过程性信息', en: 'Withheld: process information', templates: BOTH, match: ['属于四类过程性信息', '过程性信息'], outcome: true },
  { code: 'withheld_enforcement_file', number: '三(三)7', group: '不予公开', zh: '属于行政执法案卷', en: 'Withheld: administrative enforcement file', templates: BOTH, match: ['属于行政执法案卷', '行政执法案卷'], outcome: true },
  { code: 'withheld_admin_inquiry', number: '三(三)8', group: '不予公开', zh: '属于行政查询事项', en: 'Withheld: administrative inquiry matter', templates: BOTH, match: ['属于行政查询事项', '行政查询事项'], outcome: true },
  { code: 'unavailable_not_held', number: '三(四)1', group: '无法提供', zh: '本机关不掌握相关政府信息', en: 'Unavailable: information not held', templates: BOTH, match: ['本机关不掌握相关政府信息', '不掌握相关政府信息', '不掌握'], outcome: true },
  { code: 'unavailable_needs_creation', number: '三(四)2', group: '无法提供', zh: '没有现成信息需要另行制作', en: 'Unavailable: would have to be created', templates: BOTH, match: ['没有现成信息需要另行制作', '另行制作'], outcome: true },
  { code: 'unavailable_unclear', number: '三(四)3', group: '无法提供', zh: '补正后申请内容仍不明确', en: 'Unavailable: request still unclear after correction', templates: BOTH, match: ['补正后申请内容仍不明确', '仍不明确'], outcome: true },
  { code: 'rejected_petition', number: '三(五)1', group: '不予处理', zh: '信访举报投诉类申请', en: 'Not processed: petition, report or complaint', templates: BOTH, match: ['信访举报投诉类申请', '信访举报投诉'], outcome: true },
  { code: 'rejected_duplicate', number: '三(五)2', group: '不予处理', zh: '重复申请', en: 'Not processed: duplicate application', templates: BOTH, match: ['重复申请'], outcome: true },
  { code: 'rejected_publication', number: '三(五)3', group: '不予处理', zh: '要求提供公开出版物', en: 'Not processed: asks for a publication', templates: BOTH, match: ['要求提供公开出版物', '公开出版物'], outcome: true },
  { code: 'rejected_excessive', number: '三(五)4', group: '不予处理', zh: '无正当理由大量反复申请', en: 'Not processed: excessive repeated applications', templates: BOTH, match: ['无正当理由大量反复申请', '大量反复'], outcome: true },
  { code: 'rejected_confirmation', number: '三(五)5', group: '不予处理', zh: '要求行政机关确认或重新出具已获取信息', en: 'Not processed: asks to confirm or reissue information already obtained', templates: BOTH, match: ['要求行政机关确认或重新出具已获取信息', '确认或重新出具'], outcome: true },
  { code: 'other_handling', number: '三(六)', group: '本年度办理结果', zh: '其他处理', en: 'Other handling', templates: ['2019'], match: ['其他处理'], outcome: true },
  { code: 'other_no_correction', number: '三(六)1', group: '其他处理', zh: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', en: 'Other: applicant did not correct in time', templates: ['2021'], match: ['逾期不补正'], outcome: true },
  { code: 'other_fee_unpaid', number: '三(六)2', group: '其他处理', zh: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', en: 'Other: applicant did not pay the fee in time', templates: ['2021'], match: ['缴纳费用', '收费通知'], outcome: true },
  { code: 'other_other', number: '三(六)3', group: '其他处理', zh: '其他', en: 'Other: other', templates: ['2021'], match: ['其他'], outcome: true },
  { code: 'outcome_total', number: '三(七)', group: '本年度办理结果', zh: '总计', en: 'Outcomes total', templates: BOTH, match: ['总计'], outcome: false },
  { code: 'carried_over_out', number: '四', group: null, zh: '结转下年度继续办理', en: 'Carried over to next year', templates: BOTH, match: ['结转下年度继续办理', '结转下年度'], outcome: false },
] as const satisfies readonly ApplicationRowDef[];
export type ApplicationRowCode = (typeof APPLICATION_ROWS)[number]['code'];

export function applicationRowsFor(template: TemplateCode): readonly ApplicationRowDef[] {
  return APPLICATION_ROWS.filter((r) => (r.templates as RowTemplates).includes(template));
}

// ---------- table 四: review and litigation ----------

export const PROCEEDINGS = [
  { code: 'reconsideration', zh: '行政复议', en: 'Administrative reconsideration' },
  { code: 'litigation_direct', zh: '行政诉讼·未经复议直接起诉', en: 'Litigation filed directly' },
  { code: 'litigation_after_reconsideration', zh: '行政诉讼·复议后起诉', en: 'Litigation after reconsideration' },
] as const;
export type ProceedingCode = (typeof PROCEEDINGS)[number]['code'];

export const RESULTS = [
  { code: 'upheld', zh: '结果维持', en: 'Upheld' },
  { code: 'corrected', zh: '结果纠正', en: 'Corrected' },
  { code: 'other', zh: '其他结果', en: 'Other result' },
  { code: 'pending', zh: '尚未审结', en: 'Pending' },
  { code: 'total', zh: '总计', en: 'Total' },
] as const;
export type ResultCode = (typeof RESULTS)[number]['code'];

// ---------- table 二: Article 20 proactive disclosure ----------

export const MEASURES = [
  { code: 'made_this_year', zh: '本年新制作数量', en: 'Made this year', unit: null },
  { code: 'published_this_year', zh: '本年新公开数量', en: 'Published this year', unit: null },
  { code: 'published_total', zh: '对外公开总数量', en: 'Total published', unit: null },
  { code: 'issued', zh: '本年制发件数', en: 'Issued this year', unit: null },
  { code: 'repealed', zh: '本年废止件数', en: 'Repealed this year', unit: null },
  { code: 'in_force', zh: '现行有效件数', en: 'In force', unit: null },
  { code: 'items_last_year', zh: '上一年项目数量', en: 'Items last year', unit: null },
  { code: 'items_change', zh: '本年增/减', en: 'Change this year', unit: null },
  { code: 'decisions', zh: '处理决定数量', en: 'Decisions', unit: null },
  { code: 'projects', zh: '采购项目数量', en: 'Procurement projects', unit: null },
  { code: 'amount', zh: '金额', en: 'Amount (yuan)', unit: 'yuan' },
] as const;
export type MeasureCode = (typeof MEASURES)[number]['code'];

export interface ProactiveCategoryDef {
  item: string;
  itemZh: string;
  code: string;
  zh: string;
  en: string;
  match: readonly string[];
  measures: Partial<Record<TemplateCode, readonly MeasureCode[]>>;
}

const M2019_ART20_5 = ['items_last_year', 'items_change', 'decisions'] as const;
export const PROACTIVE_CATEGORIES = [
  { item: 'art20_1', itemZh: '第二十条第(一)项', code: 'rules', zh: '规章', en: 'Rules', match: ['规章'], measures: { '2019': ['made_this_year', 'published_this_year', 'published_total'], '2021': ['issued', 'repealed', 'in_force'] } },
  { item: 'art20_1', itemZh: '第二十条第(一)项', code: 'normative_documents', zh: '(行政)规范性文件', en: 'Normative documents', match: ['行政规范性文件', '规范性文件'], measures: { '2019': ['made_this_year', 'published_this_year', 'published_total'], '2021': ['issued', 'repealed', 'in_force'] } },
  { item: 'art20_5', itemZh: '第二十条第(五)项', code: 'licensing', zh: '行政许可', en: 'Administrative licensing', match: ['行政许可'], measures: { '2019': M2019_ART20_5, '2021': ['decisions'] } },
  { item: 'art20_5', itemZh: '第二十条第(五)项', code: 'other_services', zh: '其他对外管理服务事项', en: 'Other external management services', match: ['其他对外管理服务事项', '对外管理服务'], measures: { '2019': M2019_ART20_5 } },
  { item: 'art20_6', itemZh: '第二十条第(六)项', code: 'penalty', zh: '行政处罚', en: 'Administrative penalties', match: ['行政处罚'], measures: { '2019': M2019_ART20_5, '2021': ['decisions'] } },
  { item: 'art20_6', itemZh: '第二十条第(六)项', code: 'enforcement', zh: '行政强制', en: 'Administrative enforcement', match: ['行政强制'], measures: { '2019': M2019_ART20_5, '2021': ['decisions'] } },
  { item: 'art20_8', itemZh: '第二十条第(八)项', code: 'fees', zh: '行政事业性收费', en: 'Administrative fees', match: ['行政事业性收费'], measures: { '2019': ['items_last_year', 'items_change'], '2021': ['amount'] } },
  { item: 'art20_9', itemZh: '第二十条第(九)项', code: 'procurement', zh: '政府集中采购', en: 'Centralised government procurement', match: ['政府集中采购'], measures: { '2019': ['projects', 'amount'] } },
] as const satisfies readonly ProactiveCategoryDef[];
export type ProactiveItemCode = (typeof PROACTIVE_CATEGORIES)[number]['item'];
export type ProactiveCategoryCode = (typeof PROACTIVE_CATEGORIES)[number]['code'];

export function proactiveCategoriesFor(template: TemplateCode): readonly ProactiveCategoryDef[] {
  return PROACTIVE_CATEGORIES.filter((c) => (c.measures as ProactiveCategoryDef['measures'])[template] !== undefined);
}

// ---------- narrative sections ----------

export const SECTIONS = [
  { code: 'general', number: 1, numeral: '一', zh: '总体情况', en: 'Overview', match: ['总体情况'], narrative: true },
  { code: 'proactive_disclosure', number: 2, numeral: '二', zh: '主动公开政府信息情况', en: 'Proactive disclosure', match: ['主动公开政府信息情况', '主动公开政府信息'], narrative: false },
  { code: 'applications', number: 3, numeral: '三', zh: '收到和处理政府信息公开申请情况', en: 'Applications received and handled', match: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请'], narrative: false },
  { code: 'review_litigation', number: 4, numeral: '四', zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative reconsideration and litigation', match: ['政府信息公开行政复议、行政诉讼情况', '行政复议、行政诉讼', '被申请行政复议、提起行政诉讼', '行政复议', '行政诉讼'], narrative: false },
  { code: 'problems', number: 5, numeral: '五', zh: '存在的主要问题及改进情况', en: 'Problems and improvements', match: ['存在的主要问题及改进情况', '存在问题及改进措施', '存在的主要问题', '存在问题', '改进情况'], narrative: true },
  { code: 'other_matters', number: 6, numeral: '六', zh: '其他需要报告的事项', en: 'Other matters to report', match: ['其他需要报告的事项', '其他需要报告'], narrative: true },
] as const;
export type SectionCode = (typeof SECTIONS)[number]['code'];

// ---------- statuses, levels, rules ----------

export const CELL_STATUSES = [
  { code: 'reported', zh: '报告数值', en: 'Reported: a number as printed' },
  { code: 'not_applicable', zh: '不适用', en: 'Not applicable: the report printed /, —, 无, 不适用 or the like' },
  { code: 'blank', zh: '空白', en: 'Blank: an empty cell in a table that is otherwise there' },
  { code: 'missing', zh: '缺失', en: 'Missing: a cell or table the template has and the report lacks' },
  { code: 'imputed', zh: '推算', en: "Imputed: recovered only because the table's own arithmetic fixes it uniquely" },
  { code: 'unreadable', zh: '无法识别', en: 'Unreadable: the report printed something here that cannot be read uniquely (e.g. digits glued across cells)' },
] as const;
export type CellStatus = (typeof CELL_STATUSES)[number]['code'];
/** Statuses that carry a value. */
export const VALUE_STATUSES: readonly CellStatus[] = ['reported', 'imputed'];

export const PARSE_STATUSES = [
  { code: 'ok', zh: '完整解析', en: 'Parsed: all parts and tables read' },
  { code: 'partial', zh: '部分解析', en: 'Partly parsed: some parts, tables or cells are missing or unreadable' },
  { code: 'failed', zh: '解析失败', en: 'Failed: the file could not be read as a report' },
] as const;
export type ParseStatus = (typeof PARSE_STATUSES)[number]['code'];

export const ADMIN_LEVELS = [
  { code: 'national', zh: '国务院部门', en: 'National (State Council department)' },
  { code: 'province', zh: '省级', en: 'Province' },
  { code: 'city', zh: '地市级', en: 'Prefecture city' },
  { code: 'county', zh: '县级', en: 'County' },
  { code: 'township', zh: '乡镇（街道）', en: 'Township or subdistrict' },
] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number]['code'];

export const SEVERITIES = [
  { code: 'error', zh: '错误', en: 'Error' },
  { code: 'warning', zh: '警告', en: 'Warning' },
  { code: 'info', zh: '提示', en: 'Info' },
] as const;
export type Severity = (typeof SEVERITIES)[number]['code'];

/** Whom a finding is about: the agency's document, or our reading of it. */
export const FINDING_ORIGINS = [
  { code: 'source', zh: '原报告问题', en: 'About the source report' },
  { code: 'parser', zh: '解析问题', en: 'About our parsing' },
] as const;
export type FindingOrigin = (typeof FINDING_ORIGINS)[number]['code'];

export const RULES = [
  { code: 'file.unreadable', severity: 'error', origin: 'source', zh: '文件无法读取（空文件、二进制文件、编码错误或超出大小限制）', en: 'The file cannot be read (empty, binary, bad encoding or over the size limit)' },
  { code: 'file.not_a_report', severity: 'error', origin: 'source', zh: '文件不是政府信息公开工作年度报告', en: 'The file is not a government information disclosure annual report' },
  { code: 'file.timeout', severity: 'error', origin: 'parser', zh: '解析超时', en: 'Parsing took longer than the per-file limit' },
  { code: 'file.too_large', severity: 'error', origin: 'source', zh: '文件或行超出长度限制', en: 'The file or one of its lines is over the size limit' },
  { code: 'file.encoding_repaired', severity: 'warning', origin: 'source', zh: '文件含少量无效字节，已替换为 U+FFFD（或删去末尾残缺字符）后读取', en: 'The file holds a few invalid bytes, read with them replaced by U+FFFD (or a truncated last character dropped)' },
  { code: 'metadata.missing', severity: 'warning', origin: 'parser', zh: '无法确定元数据字段', en: 'A metadata field could not be determined' },
  { code: 'section.missing', severity: 'warning', origin: 'source', zh: '报告缺少模板规定的部分', en: 'The report lacks a part of the template' },
  { code: 'applications.balance', severity: 'error', origin: 'source', zh: '勾稽关系不成立：本年新收+上年结转≠办理结果总计+结转下年度', en: 'Balance fails: received + carried in ≠ outcomes total + carried out' },
  { code: 'applications.outcome_sum', severity: 'error', origin: 'source', zh: '办理结果总计不等于各办理结果之和', en: 'Outcomes total ≠ sum of the outcome rows' },
  { code: 'applications.row_total', severity: 'error', origin: 'source', zh: '总计列不等于各类申请人之和', en: 'Total column ≠ sum of the applicant columns' },
  { code: 'applications.carryover', severity: 'warning', origin: 'source', zh: '上年结转数与上一年度报告的结转下年度数不一致', en: "Carried in ≠ last year's carried out" },
  { code: 'review.total', severity: 'error', origin: 'source', zh: '行政复议或行政诉讼总计不等于各结果之和', en: 'Reconsideration or litigation total ≠ sum of its results' },
  { code: 'table.missing', severity: 'warning', origin: 'source', zh: '报告缺少模板规定的表格或表格没有数字', en: 'A table of the template is missing or has no numbers' },
  { code: 'table.missing_cells', severity: 'warning', origin: 'source', zh: '表格缺少单元格', en: 'Cells of the table are missing' },
  { code: 'table.unreadable_cells', severity: 'warning', origin: 'parser', zh: '单元格数字粘连，无法唯一拆分', en: 'Digits are glued across cells and cannot be split uniquely' },
  { code: 'table.imputed_cells', severity: 'info', origin: 'parser', zh: '单元格数值由表格勾稽关系唯一推算得出', en: "Cell values recovered uniquely from the table's own arithmetic" },
  { code: 'template.mismatch', severity: 'warning', origin: 'source', zh: '表格模板与报告年度不符，或混用两版模板的行列', en: 'The table template does not fit the year, or mixes rows of both templates' },
  { code: 'narrative.injected_spam', severity: 'error', origin: 'source', zh: '正文含有与政府报告无关的注入内容（如赌博网站）', en: 'The text carries injected content (e.g. gambling sites)' },
  { code: 'narrative.table_disagrees', severity: 'warning', origin: 'source', zh: '正文所述数字与表格不一致', en: 'A count stated in the narrative contradicts the table' },
  { code: 'report.duplicate', severity: 'warning', origin: 'source', zh: '同一机关同一年度有两份报告', en: 'Two inputs for the same agency and year' },
  { code: 'report.copied', severity: 'info', origin: 'source', zh: '正文与另一份报告几乎相同', en: 'Narrative nearly identical to another report' },
  { code: 'report.late', severity: 'info', origin: 'source', zh: '发布时间晚于条例第四十九条规定的期限', en: 'Published after the Article 49 deadline' },
  { code: 'correction.applied', severity: 'info', origin: 'parser', zh: '已按更正记录人工更正', en: 'A hand correction from the corrections file was applied' },
] as const satisfies readonly { code: string; severity: Severity; origin: FindingOrigin; zh: string; en: string }[];
export type RuleCode = (typeof RULES)[number]['code'];

export function ruleDef(code: RuleCode) {
  const rule = RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`unknown rule ${code}`);
  return rule;
}

// ---------- added for the datasets (issue 4) ----------

/** The items of Article 20 that table 二 reports on (the `item` code of proactive_disclosure.csv). */
export const PROACTIVE_ITEMS = [
  { code: 'art20_1', zh: '第二十条第(一)项', en: 'Article 20(1): rules and normative documents' },
  { code: 'art20_5', zh: '第二十条第(五)项', en: 'Article 20(5): licensing and other services' },
  { code: 'art20_6', zh: '第二十条第(六)项', en: 'Article 20(6): penalties and enforcement' },
  { code: 'art20_8', zh: '第二十条第(八)项', en: 'Article 20(8): administrative fees' },
  { code: 'art20_9', zh: '第二十条第(九)项', en: 'Article 20(9): centralised procurement' },
] as const;

/** Whether a part of the report was found (sections.csv `status`). */
export const SECTION_STATUSES = [
  { code: 'present', zh: '有', en: 'Present in the report' },
  { code: 'missing', zh: '缺失', en: 'Missing from the report' },
] as const;

/** The three standard tables (findings.csv `table`). */
export const TABLES = [
  { code: 'proactive_disclosure', zh: '主动公开政府信息情况（表二）', en: 'Proactive disclosure (table 2)' },
  { code: 'applications', zh: '收到和处理政府信息公开申请情况（表三）', en: 'Applications (table 3)' },
  { code: 'review_litigation', zh: '政府信息公开行政复议、行政诉讼情况（表四）', en: 'Reconsideration and litigation (table 4)' },
] as const;
