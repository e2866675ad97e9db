/**
 * Contact details stated in the report (usually its introduction): address,
 * telephone and website. Searched on the text with line breaks removed, since
 * PDF extraction breaks lines in the middle of an address.
 */
import type { Contact } from '../../schema/types.ts';

/** 地址：… up to the next separator or the next label (邮编, 电话). */
const ADDRESS = /(?:联系地址|通讯地址|通信地址|办公地址|地址)\s*[:：]\s*(.+?)(?=[；;，,。）)]|邮编|邮政编码|联系电话|电话|传真|$)/u;
/** 电话：/ 联系电话：/ 电话/传真：, then digits with dashes, brackets and spaces. */
const PHONE = /(?:联系电话|咨询电话|电话号码|电话(?:\/传真)?)\s*[:：]\s*([0-9０-９()（）\-－—\s]{5,30}[0-9０-９])/u;
/**
 * A web address: a scheme or www. host, or any *.gov.cn host. The host starts after a non-host character and its
 * labels are bounded (DNS: ≤ 63 characters, here ≤ 9 labels), so a long run of letters or digits costs linear time,
 * not quadratic (a 2 MB line of digits took hours before; issue 8).
 */
const WEBSITE = /(?:https?:\/\/)?(?<![a-z0-9.-])((?:www\.)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}|[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.gov\.cn)/iu;

/**
 * ADDRESS's first match: every label ends in 地址, at most two characters after the match starts, so no match starts
 * before the first 地址 less two; from there (no lookbehind, `$` is still the end) the expression finds the same
 * match. A plain search skips the text the expression would scan slowly (whole texts hold many a 地 of other words).
 */
function addressMatch(flat: string): RegExpExecArray | null {
  const label = flat.indexOf('地址');
  if (label < 0) return null;
  return ADDRESS.exec(label > 2 ? flat.slice(label - 2) : flat);
}

const ALL_FIELDS: ReadonlySet<keyof Contact> = new Set(['address', 'phone', 'website']);

/** The contact fields found in `flat`; a field not in `want` is not searched for (null). */
export function extractContact(flat: string, want: ReadonlySet<keyof Contact> = ALL_FIELDS): Contact {
  const address = want.has('address') ? (addressMatch(flat)?.[1]?.replace(/\s/gu, '') ?? null) : null;
  const phone = want.has('phone') ? (PHONE.exec(flat)?.[1]?.normalize('NFKC').replace(/\s/gu, '') ?? null) : null;
  const website = want.has('website') ? (WEBSITE.exec(flat)?.[1]?.toLowerCase() ?? null) : null;
  return { address: address && address.length >= 2 ? address : null, phone, website };
}
