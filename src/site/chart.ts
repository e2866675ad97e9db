/** Geometry of the small static SVG charts (no client code). Pure; numbers rounded for byte-identical output. */
import { outcomeGroups } from './cells.ts';
import type { ReportFigures } from './figures.ts';
import { formatNumber } from './format.ts';

export interface Bar {
  label: string;
  value: number;
  /** Shown next to the bar. */
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarChart {
  width: number;
  height: number;
  /** Where bars start (labels are left of it in a horizontal chart, below it in a vertical one). */
  labelWidth: number;
  bars: Bar[];
  /** What is not drawn because it is unknown. */
  unknown: string[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export const BAR_HEIGHT = 18;
export const BAR_GAP = 8;

/** Horizontal bars, one per outcome group of table 三 (总计 column); unknown groups are listed, not drawn as 0. */
export function outcomeChart(figures: ReportFigures, width = 360, labelWidth = 84, valueWidth = 48): BarChart {
  const groups = outcomeGroups();
  const known = groups.filter((g) => figures.groups[g.key] !== null && figures.groups[g.key] !== undefined);
  const max = Math.max(1, ...known.map((g) => figures.groups[g.key]!));
  const span = width - labelWidth - valueWidth;
  const bars = known.map((g, i) => {
    const value = figures.groups[g.key]!;
    return { label: g.zh, value, text: formatNumber(value), x: labelWidth, y: i * (BAR_HEIGHT + BAR_GAP), width: round((value / max) * span), height: BAR_HEIGHT };
  });
  return {
    width,
    height: Math.max(BAR_HEIGHT, bars.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP),
    labelWidth,
    bars,
    unknown: groups.filter((g) => !known.includes(g)).map((g) => g.zh),
  };
}

/** Vertical bars of one figure across years (e.g. 本年新收); years without the figure are listed as unknown. */
export function yearChart(points: readonly { year: number; value: number | null }[], height = 140, barWidth = 36, gap = 16): BarChart {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null);
  const max = Math.max(1, ...known.map((p) => p.value));
  const labelWidth = 20;
  const plot = height - labelWidth - 16;
  const bars = known.map((p, i) => {
    const h = round((p.value / max) * plot);
    return { label: String(p.year), value: p.value, text: formatNumber(p.value), x: i * (barWidth + gap), y: round(16 + plot - h), width: barWidth, height: h };
  });
  return {
    width: Math.max(barWidth, known.length * (barWidth + gap) - gap),
    height,
    labelWidth,
    bars,
    unknown: points.filter((p) => p.value === null).map((p) => String(p.year)),
  };
}
