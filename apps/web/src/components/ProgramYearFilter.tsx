import { InputNumber, Select } from 'antd';
import { useI18n } from '../i18n';
import { usePrograms } from '../programs';

/**
 * The public lists' two filters, a program and a year (the award list, the lists without money): `programs` narrows
 * the choice (default every program); `testId` prefixes the two controls' test ids (`<testId>-program`, `-year`).
 */
export function ProgramYearFilter({
  program,
  onProgram,
  year,
  onYear,
  testId,
  programs,
  width = 260,
}: {
  program: string | undefined;
  onProgram: (code: string | undefined) => void;
  year: number | undefined;
  onYear: (year: number | undefined) => void;
  testId: string;
  programs?: string[];
  width?: number;
}) {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const codes = programs ?? catalogue.programs.map((p) => p.code);
  return (
    <>
      <Select
        allowClear
        style={{ width }}
        placeholder={t('全部项目', 'All programs')}
        aria-label={t('全部项目', 'All programs')}
        value={program}
        onChange={onProgram}
        data-testid={`${testId}-program`}
        options={codes.map((code) => ({ value: code, label: catalogue.programName(code) }))}
      />
      <InputNumber
        placeholder={t('年度', 'Year')}
        aria-label={t('年度', 'Year')}
        min={2000}
        max={2100}
        precision={0}
        value={year}
        onChange={(x) => onYear((x as number) ?? undefined)}
        data-testid={`${testId}-year`}
      />
    </>
  );
}
