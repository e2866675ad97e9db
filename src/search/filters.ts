/** The filters of the search page, in the order they are shown; also the URL parameter names and Pagefind filter keys. */
export const FILTER_KEYS = ['year', 'province', 'level', 'template'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Chinese labels of the filters on the search page. */
export const FILTER_LABELS: Record<FilterKey, string> = {
  year: '年度',
  province: '省份',
  level: '行政层级',
  template: '模板',
};
