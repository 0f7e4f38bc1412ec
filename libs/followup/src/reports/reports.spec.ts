import {
  JINGPIN_PROGRAM,
  ProgramRegistry,
  TUIGUANG_PROGRAM,
  validateDtoPayload,
  YUANDONGLI_PROGRAM,
} from '@portal/programs';
import { addMonths, daysBetween } from './award-facts';
import { reminderBucket } from './report-sweep';
import { reportTransition, REPORT_TRANSITIONS } from './report-status';
import { barUntil } from '../evaluation/evaluation.service';

describe('report schedule arithmetic', () => {
  it('adds months as Postgres does (the month end clamps) and counts days', () => {
    expect(addMonths('2026-04-10', 6)).toBe('2026-10-10');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(daysBetween('2026-04-10', '2026-10-10')).toBe(183);
    expect(daysBetween('2026-10-11', '2026-10-10')).toBe(-1);
  });

  it('sends the tightest reminder reached: 30, 7 or 1 day(s) before, none on or after the due day', () => {
    expect([45, 31, 30, 8, 7, 2, 1, 0, -3].map(reminderBucket)).toEqual([null, null, 30, 30, 7, 7, 1, null, null]);
  });

  it('bars for whole years, the last day included: today + years − 1 day', () => {
    expect(barUntil('2027-06-09', 3)).toBe('2030-06-08');
    expect(barUntil('2028-02-29', 1)).toBe('2029-02-27');
  });

  it('one state machine: the grantee submits drafts and returned reports, the officer returns or accepts', () => {
    expect(reportTransition('draft', 'submitted', 'grantee')).toBeDefined();
    expect(reportTransition('returned', 'submitted', 'grantee')).toBeDefined();
    expect(reportTransition('submitted', 'accepted', 'officer')?.audit).toBe('report.accepted');
    expect(reportTransition('submitted', 'accepted', 'grantee')).toBeUndefined();
    expect(reportTransition('accepted', 'submitted', 'grantee')).toBeUndefined();
    expect(reportTransition('draft', 'accepted', 'officer')).toBeUndefined();
    expect(REPORT_TRANSITIONS.filter((t) => t.from === 'accepted')).toEqual([]);
  });
});

describe('program report forms', () => {
  const registry = ProgramRegistry.of([JINGPIN_PROGRAM, YUANDONGLI_PROGRAM, TUIGUANG_PROGRAM]);
  const report = (code: string, kind: string) => registry.get(code)!.reports!.find((r) => r.kind === kind)!;
  const base = {
    progress: '完成',
    completedDeliverables: [{ name: '成片' }],
    spending: [{ costLine: '展位费', amountFen: 20_000_000 }],
  };

  it('validates like an application: draft fields typed, submit complete, unknown fields refused', () => {
    const dto = report('jingpin', 'midterm').payloadDto;
    expect(validateDtoPayload(dto, { progress: '进行中' }, 'draft').details).toEqual([]);
    expect(
      validateDtoPayload(dto, { progress: 1, other: 1 }, 'draft')
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['payload.other', 'payload.progress']);
    expect(
      validateDtoPayload(dto, { progress: '进行中' }, 'submit')
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['payload.completedDeliverables', 'payload.spending']);
    expect(
      validateDtoPayload(dto, { ...base, spending: [{ costLine: 'x', amountFen: -1 }] }, 'submit').details,
    ).toHaveLength(1);
    expect(
      validateDtoPayload(report('jingpin', 'closing').payloadDto, base, 'submit').details.map((d) => d.path),
    ).toEqual(['payload.results']);
  });

  it('推广计划: spending lines must be the application’s cost lines, each once', () => {
    const r = report('tuiguang', 'closing');
    const application = { costs: [{ item: '展位费' }, { item: '差旅' }] };
    expect(r.checks!(base, application)).toEqual([]);
    const bad = r.checks!(
      {
        ...base,
        spending: [
          { costLine: '展位费', amountFen: 1 },
          { costLine: '展位费', amountFen: 1 },
          { costLine: '宴请', amountFen: 1 },
        ],
      },
      application,
    );
    expect(bad.map((p) => p.path)).toEqual(['payload.spending.1.costLine', 'payload.spending.2.costLine']);
    expect(r.releasesInstalmentNo).toBe(1);
    expect(r.attachmentKinds[0].required).toContain('exhibition');
  });

  it('原动力: the closing report carries the publication, with an ISBN/ISSN or a platform URL', () => {
    const r = report('yuandongli', 'closing');
    const pub = { publisher: '某出版社', publishedOn: '2027-03-01' };
    expect(validateDtoPayload(r.payloadDto, { ...base, publication: pub }, 'submit').details).toEqual([]);
    expect(r.checks!({ ...base, publication: pub }, {}).map((p) => p.path)).toEqual(['payload.publication.isbnOrIssn']);
    expect(r.checks!({ ...base, publication: { ...pub, isbnOrIssn: '978-7-0000-0000-0' } }, {})).toEqual([]);
  });

  it('GET /api/programs shows each schedule, its form schema (inherited fields included) and the evaluation', () => {
    const jp = registry.toPublicJson(registry.get('jingpin')!);
    expect(jp.reports.map((r) => [r.kind, r.due, r.releasesInstalmentNo, r.closing])).toEqual([
      ['midterm', { monthsAfterAward: 6, atPlanEnd: false }, 2, false],
      ['closing', { monthsAfterAward: null, atPlanEnd: true }, 3, true],
    ]);
    expect(Object.keys(jp.reports[1].formSchema.properties as object)).toEqual([
      'progress',
      'completedDeliverables',
      'spending',
      'results',
    ]);
    expect(jp.evaluation).toMatchObject({ failRecoveryPercent: 100, failBarYears: 3 });
    expect(registry.toPublicJson(registry.get('yuandongli')!).reports[1].formSchema).toMatchObject({
      properties: { publication: { $ref: expect.stringContaining('YuandongliPublicationDto') } },
    });
  });
});
