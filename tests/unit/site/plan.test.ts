import { describe, expect, it } from 'vitest';
import { changedAgencies, decidePlan, fullBuildReason, knownDataFiles, renderAggregates, STATE_VERSION, unidentifiedChanged, type BuildState, type PlanContext, type ReportInput } from '../../../src/site/build/plan.ts';

const report = (report_id: string, agency_id: string | null, sha256 = 'a', markdown = true): ReportInput => ({ report_id, agency_id, sha256, markdown });

const state = (reports: ReportInput[], over: Partial<BuildState> = {}): BuildState => ({
  version: STATE_VERSION,
  site: 'site-1',
  data_names: ['reports', 'reports.csv'],
  reports,
  ...over,
});

const BEFORE = [report('a-2020', 'a'), report('a-2021', 'a'), report('b-2020', 'b'), report('c-2020', 'c'), report('x', null)];
const context: PlanContext = { clean: false, outputComplete: true, hasAgencyPage: () => true, hasUnidentifiedPage: () => true };

describe('changedAgencies', () => {
  it('marks the agency of a report whose JSON changed, and nothing else', () => {
    const after = BEFORE.map((r) => (r.report_id === 'a-2021' ? { ...r, sha256: 'b' } : r));
    expect([...changedAgencies(BEFORE, after)]).toEqual(['a']);
  });

  it('marks both agencies when a report moves from one to another', () => {
    const after = BEFORE.map((r) => (r.report_id === 'b-2020' ? { ...r, agency_id: 'c' } : r));
    expect([...changedAgencies(BEFORE, after)].sort()).toEqual(['b', 'c']);
  });

  it('marks added and removed reports, and a report whose Markdown appeared', () => {
    const after = [...BEFORE.filter((r) => r.report_id !== 'c-2020'), report('d-2020', 'd')].map((r) =>
      r.report_id === 'b-2020' ? { ...r, markdown: false } : r,
    );
    expect([...changedAgencies(BEFORE, after)].sort()).toEqual(['b', 'c', 'd']);
  });

  it('ignores reports without an agency (their page aggregates and is always rendered)', () => {
    const after = BEFORE.map((r) => (r.report_id === 'x' ? { ...r, sha256: 'z' } : r));
    expect(changedAgencies(BEFORE, after).size).toBe(0);
  });
});

describe('unidentifiedChanged', () => {
  it('sees a report without an agency changed, added, removed, or given or losing its agency', () => {
    const with_ = (f: (r: ReportInput) => ReportInput) => BEFORE.map((r) => (r.report_id === 'x' ? f(r) : r));
    expect(unidentifiedChanged(BEFORE, BEFORE)).toBe(false);
    expect(unidentifiedChanged(BEFORE, with_((r) => ({ ...r, sha256: 'z' })))).toBe(true);
    expect(unidentifiedChanged(BEFORE, with_((r) => ({ ...r, markdown: false })))).toBe(true);
    expect(unidentifiedChanged(BEFORE, with_((r) => ({ ...r, agency_id: 'a' })))).toBe(true);
    expect(unidentifiedChanged(BEFORE, BEFORE.filter((r) => r.report_id !== 'x'))).toBe(true);
    expect(unidentifiedChanged(BEFORE, [...BEFORE, report('y', null)])).toBe(true);
    expect(unidentifiedChanged(BEFORE, BEFORE.map((r) => (r.report_id === 'b-2020' ? { ...r, agency_id: null } : r)))).toBe(true);
    expect(unidentifiedChanged(BEFORE, BEFORE.map((r) => (r.report_id === 'b-2020' ? { ...r, sha256: 'z' } : r)))).toBe(false);
  });
});

describe('decidePlan', () => {
  it('renders only the changed agency, keeps the others and drops an agency that is gone', () => {
    const after = BEFORE.filter((r) => r.report_id !== 'c-2020').map((r) => (r.report_id === 'a-2020' ? { ...r, sha256: 'b' } : r));
    expect(decidePlan(state(BEFORE), state(after), context)).toEqual({
      mode: 'incremental',
      reason: '1 agencies (2 reports) changed, 1 gone',
      render: ['a'],
      keep: ['b'],
      removed: ['c'],
      unidentified: false,
    });
  });

  it('renders the page of unidentified reports when one of them changed, or when the page is missing', () => {
    const changed = BEFORE.map((r) => (r.report_id === 'x' ? { ...r, sha256: 'z' } : r));
    expect(decidePlan(state(BEFORE), state(changed), context)).toMatchObject({ mode: 'incremental', render: [], unidentified: true });
    expect(decidePlan(state(BEFORE), state(BEFORE), { ...context, hasUnidentifiedPage: () => false }).unidentified).toBe(true);
    expect(decidePlan(state(BEFORE), state(BEFORE), context).unidentified).toBe(false);
  });

  it('renders a kept agency again when its page is missing from the output', () => {
    const plan = decidePlan(state(BEFORE), state(BEFORE), { ...context, hasAgencyPage: (id) => id !== 'b' });
    expect(plan.render).toEqual(['b']);
  });

  it('builds everything with --clean, without a previous build, or when sources or data files changed', () => {
    const next = state(BEFORE);
    const reasons = [
      decidePlan(state(BEFORE), next, { ...context, clean: true }),
      decidePlan(null, next, context),
      decidePlan(state(BEFORE), next, { ...context, outputComplete: false }),
      decidePlan(state(BEFORE, { site: 'site-0' }), next, context),
      decidePlan(state(BEFORE, { data_names: ['reports'] }), next, context),
      decidePlan(state(BEFORE, { version: 0 }), next, context),
    ].map((p) => `${p.mode}: ${p.reason}: ${p.render.join(',')}`);
    expect(reasons).toEqual([
      'full: --clean: a,b,c',
      'full: no previous build in the output folder: a,b,c',
      'full: no previous build in the output folder: a,b,c',
      'full: site sources changed: a,b,c',
      'full: the data folder has other top-level files: a,b,c',
      'full: the build state format changed: a,b,c',
    ]);
  });
});

describe('renderAggregates', () => {
  it('renders the aggregate pages in a full build, and in an incremental one only when the summaries changed', () => {
    const before = { ...state(BEFORE), summaries: 'd1' };
    const after = BEFORE.map((r) => (r.report_id === 'a-2020' ? { ...r, sha256: 'b' } : r));
    const plan = decidePlan(before, state(after), context);
    expect(plan.mode).toBe('incremental');
    expect(renderAggregates(plan, before, 'd1')).toBe(false);
    expect(renderAggregates(plan, before, 'd2')).toBe(true);
    expect(renderAggregates(plan, state(BEFORE), 'd1')).toBe(true);
    expect(renderAggregates(decidePlan(null, state(after), context), null, 'd1')).toBe(true);
  });
});

describe('fullBuildReason', () => {
  it('gives the mode decidePlan decides, from the state without its reports', () => {
    const next = state(BEFORE);
    const cases: [BuildState | null, Partial<PlanContext>][] = [
      [state(BEFORE), {}],
      [state(BEFORE), { clean: true }],
      [null, {}],
      [state(BEFORE), { outputComplete: false }],
      [state(BEFORE, { site: 'site-0' }), {}],
      [state(BEFORE, { data_names: ['reports'] }), {}],
      [state(BEFORE, { version: 0 }), {}],
    ];
    for (const [previous, over] of cases) {
      const plan = decidePlan(previous, next, { ...context, ...over });
      const reason = fullBuildReason(previous, next, { ...context, ...over });
      expect(reason === null ? 'incremental' : 'full').toBe(plan.mode);
      if (reason !== null) expect(plan.reason).toBe(reason);
    }
    expect(fullBuildReason(state(BEFORE), next, context)).toBeNull();
  });
});

describe('knownDataFiles', () => {
  it('knows the JSON and Markdown of the reports whose input is unchanged, in an incremental build only', () => {
    const after = [...BEFORE.filter((r) => r.report_id !== 'c-2020'), report('d-2020', 'd')].map((r) =>
      r.report_id === 'a-2021' ? { ...r, sha256: 'b' } : r.report_id === 'b-2020' ? { ...r, markdown: false } : r,
    );
    const previous = state(BEFORE);
    const known = knownDataFiles(decidePlan(previous, state(after), context), previous, state(after));
    const paths = ['a-2020', 'a-2021', 'b-2020', 'c-2020', 'd-2020', 'x'].flatMap((id) => [`reports/${id}.json`, `markdown/${id}.md`]);
    expect(paths.filter(known)).toEqual(['reports/a-2020.json', 'markdown/a-2020.md', 'reports/x.json', 'markdown/x.md']);
    expect(known('reports.csv')).toBe(false);
    const full = knownDataFiles(decidePlan(previous, state(after), { ...context, clean: true }), previous, state(after));
    expect(paths.filter(full)).toEqual([]);
  });
});
