/** The datasets page's view: each dataset of datasets.ts with its file's size and rows, and the other downloads. Pure. */
import { DATASETS, type DatasetDef } from '../schema/datasets.ts';
import type { DataFile } from './load.ts';

export interface DatasetEntry {
  dataset: DatasetDef;
  file: DataFile | null;
}

export interface OtherDownload {
  name: string;
  zh: string;
  file: DataFile | null;
}

export function datasetEntries(files: readonly DataFile[]): DatasetEntry[] {
  return DATASETS.map((dataset) => ({ dataset, file: files.find((f) => f.name === dataset.file) ?? null }));
}

const OTHER = [
  { name: 'nianbao-data.zip', zh: '全部数据的压缩包（含说明文件）' },
  { name: 'datapackage.json', zh: 'Frictionless Data Package 描述文件：每个文件的列、类型、主键和代码的中英文名称' },
];

/** The zip and datapackage.json, then every other listed file that is not a dataset of datasets.ts (README, code lists …). */
export function otherDownloads(files: readonly DataFile[]): OtherDownload[] {
  const known = new Set([...DATASETS.map((d) => d.file), ...OTHER.map((o) => o.name)]);
  const rest = files.filter((f) => !known.has(f.name)).map((f) => ({ name: f.name, zh: f.title_zh ?? f.name, file: f }));
  return [...OTHER.map((o) => ({ ...o, file: files.find((f) => f.name === o.name) ?? null })), ...rest];
}

/** Bytes as 12.3 KB / 4.5 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
