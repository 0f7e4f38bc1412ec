import { isOverdueReport } from './report-status';

describe('isOverdueReport', () => {
  const due = '2026-10-10';
  it('is not overdue on or before its due day, nor once accepted', () => {
    expect(isOverdueReport('draft', due, null, '2026-10-10')).toBe(false);
    expect(isOverdueReport('accepted', due, '2026-12-01', '2027-03-01')).toBe(false);
    expect(isOverdueReport('draft', null, null, '2027-03-01')).toBe(false);
  });
  it('is overdue after its day while drafted or returned', () => {
    expect(isOverdueReport('draft', due, null, '2026-10-11')).toBe(true);
    expect(isOverdueReport('returned', due, '2026-10-09', '2026-10-11')).toBe(true);
  });
  it('a report submitted by its day waits for the officer without being overdue; one submitted late stays overdue', () => {
    expect(isOverdueReport('submitted', due, '2026-10-10', '2026-12-30')).toBe(false);
    expect(isOverdueReport('submitted', due, '2026-10-11', '2026-10-12')).toBe(true);
  });
});
