/**
 * validate stage: the data contract's rules that concern one report. Each
 * rule is its own module; this one runs them in a fixed order (tables, then
 * template, arithmetic, narrative), so the same input gives the same list.
 * Rules across reports (report.duplicate, report.copied,
 * applications.carryover) belong to the build, not here.
 */
import { templateForYear } from '../../schema/codes.ts';
import type { Finding, ReportMetadata, ReportTables, Section } from '../../schema/types.ts';
import { checkApplications, checkReview, identityTemplate } from './arithmetic.ts';
import { checkMissingCells, checkMissingTables } from './missing.ts';
import { checkNarrativeCounts } from './narrative-counts.ts';
import { checkNarrativeReview } from './narrative-review.ts';
import { checkSpam } from './spam.ts';
import { checkTemplate } from './template.ts';
import { readReportText } from './normalised.ts';
import { emptyList } from '../packed.ts';
import { applicationValues, reviewValues } from './values.ts';

export interface ValidationInput {
  metadata: ReportMetadata;
  sections: Section[];
  tables: ReportTables;
  /** The cleaned full text (for spam detection). */
  text: string;
  /** Where segmentReport cut each part in `text` (its partStarts); optional, it only saves searching. */
  partStarts?: readonly number[];
}

export function validateReport(input: ValidationInput): Finding[] {
  const { metadata, sections, tables, text, partStarts } = input;
  const year = metadata.year;
  const fallback = year === null ? (metadata.template ?? '2021') : templateForYear(year);
  // The narrative rules read the text normalised: done once for all of them.
  const reportText = readReportText(sections, text, partStarts ?? null);
  // The arithmetic and narrative rules read the same cells: their values by place, once per table.
  const applications = applicationValues(tables.applications.cells);
  const review = reviewValues(tables.review_litigation.cells);
  // Appended in the fixed order (most checks find nothing: an empty list adds nothing, with no spread to run).
  const out = emptyList<Finding>();
  append(out, checkMissingTables(tables));
  append(out, checkMissingCells(tables));
  append(out, checkTemplate(tables, year));
  append(out, checkApplications(tables.applications, identityTemplate(tables.applications, fallback), applications));
  append(out, checkReview(tables.review_litigation, review));
  append(out, checkSpam(sections, reportText));
  append(out, checkNarrativeCounts(sections, reportText, tables, applications, year));
  append(out, checkNarrativeReview(sections, reportText, tables, review, year));
  return out;
}

function append(out: Finding[], found: readonly Finding[]): void {
  for (let i = 0; i < found.length; i++) out.push(found[i]!);
}
