/*
 * 节假日安排: the working-day calendar per year (the State Council's holidays and make-up working days). View a year,
 * change one day, or import years from a JSON file shaped like shared/holidays-cn.json. A year that is not published
 * yet is warned about: notices that count into it are counted provisionally (weekends and the fixed-date statutory
 * holidays) and counted again when it is published here.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Input, Radio, Row, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { adminApi, type CalendarYear } from '../../api/admin';
import { useI18n } from '../../i18n';
import { ErrorBox, errorText, PageTitle, useLoad } from '../../components/common';

type DayKind = 'holiday' | 'workday' | 'normal';

interface HolidayFile {
  source?: string;
  years: Record<string, { holidays?: string[]; workdays?: string[] }>;
}

/** The years of a holidays JSON file, or a message saying what is wrong with it. */
export function parseHolidayFile(text: string): { file: HolidayFile } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const years = (data as HolidayFile)?.years;
  if (!years || typeof years !== 'object' || Array.isArray(years)) return { problem: 'no "years" object' };
  for (const [y, v] of Object.entries(years)) {
    if (!/^\d{4}$/.test(y)) return { problem: `"${y}" is not a year` };
    if (!Array.isArray(v?.holidays ?? []) || !Array.isArray(v?.workdays ?? []))
      return { problem: `${y}: holidays and workdays must be lists of dates` };
  }
  return { file: data as HolidayFile };
}

const WEEK_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function CalendarPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const years = useLoad(() => adminApi.calendarYears(), []);
  const thisYear = new Date().getFullYear();
  const published = (years.data?.items ?? []) as CalendarYear[];
  const publishedYears = published.map((y) => y.year);
  const [selected, setSelected] = useState<number | null>(null);
  const year = selected ?? thisYear;
  const data = published.find((y) => y.year === year);
  const [day, setDay] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<DayKind>('holiday');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<{ year: number; ok: boolean; text: string }[]>([]);

  const missing = [thisYear, thisYear + 1].filter((y) => years.data && !publishedYears.includes(y));
  const choices = [...new Set([...publishedYears, thisYear, thisYear + 1])].sort((a, b) => a - b);

  const saveDay = async () => {
    if (!day) return;
    const d = day.format('YYYY-MM-DD');
    if (Number(d.slice(0, 4)) !== year) {
      setError(new Error(t(`日期须在 ${year} 年内`, `The day must be in ${year}`)));
      return;
    }
    const holidays = (data?.holidays ?? []).filter((x) => x !== d);
    const workdays = (data?.workdays ?? []).filter((x) => x !== d);
    if (kind === 'holiday') holidays.push(d);
    if (kind === 'workday') workdays.push(d);
    const src = data?.source ?? source.trim();
    if (!src) {
      setError(new Error(t('新的年份请填写发布依据（通知文号）', 'A new year needs its source (the notice)')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await adminApi.putCalendarYear(year, { source: src, holidays: holidays.sort(), workdays: workdays.sort() });
      message.success(t(`已保存 ${d}`, `Saved ${d}`));
      await years.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (f: File) => {
    setError(null);
    setImported([]);
    const parsed = parseHolidayFile(await f.text());
    if ('problem' in parsed) {
      setError(new Error(t(`文件格式不对：${parsed.problem}`, `The file is not a holidays file: ${parsed.problem}`)));
      return;
    }
    const out: { year: number; ok: boolean; text: string }[] = [];
    setBusy(true);
    for (const [y, v] of Object.entries(parsed.file.years)) {
      try {
        const r = await adminApi.putCalendarYear(Number(y), {
          source: (parsed.file.source ?? f.name).slice(0, 500),
          holidays: v.holidays ?? [],
          workdays: v.workdays ?? [],
        });
        const recounted = r.recountedNotices?.length ?? 0;
        out.push({
          year: Number(y),
          ok: true,
          text: t(
            `节假日 ${r.holidays.length} 天，调休上班 ${r.workdays.length} 天${recounted ? `，重算公示 ${recounted} 个` : ''}`,
            `${r.holidays.length} holidays, ${r.workdays.length} make-up working days${recounted ? `, ${recounted} notice(s) recounted` : ''}`,
          ),
        });
      } catch (e) {
        out.push({ year: Number(y), ok: false, text: errorText(e, lang) });
      }
    }
    setBusy(false);
    setImported(out);
    await years.reload();
  };

  const dayRows = [
    ...(data?.holidays ?? []).map((d) => ({ d, kind: 'holiday' as const })),
    ...(data?.workdays ?? []).map((d) => ({ d, kind: 'workday' as const })),
  ].sort((a, b) => a.d.localeCompare(b.d));

  return (
    <div>
      <PageTitle>{t('节假日安排', 'Holiday calendar')}</PageTitle>
      {missing.map((y) => (
        <Alert
          key={y}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={`calendar-missing-${y}`}
          title={t(`${y} 年的节假日安排尚未录入`, `The holidays of ${y} are not entered yet`)}
          description={t(
            `计入 ${y} 年的公示期暂按周末和固定日期的法定节日（元旦、劳动节、国庆节）计算，春节等农历节日和调休未计入；` +
              '国务院办公厅发布后请在此录入，进行中的公示将自动重算（只会延长）。',
            `Notices counting into ${y} are counted provisionally on weekends and the fixed-date statutory holidays ` +
              '(New Year, Labour Day, National Day); the lunar festivals and make-up days are not known. Enter the year ' +
              'here once the State Council publishes it: running notices are counted again (their end only moves later).',
          )}
        />
      ))}
      <ErrorBox error={error || years.error} onClose={() => setError(null)} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={
              <Space>
                <label htmlFor="calendar-year">{t('年份', 'Year')}</label>
                <Select
                  id="calendar-year"
                  value={year}
                  onChange={setSelected}
                  style={{ width: 110 }}
                  data-testid="calendar-year"
                  options={choices.map((y) => ({
                    value: y,
                    label: publishedYears.includes(y) ? String(y) : `${y} ${t('（未录入）', '(not entered)')}`,
                  }))}
                />
              </Space>
            }
            extra={data ? <span data-testid="calendar-source">{data.source}</span> : null}
          >
            {data ? (
              // a scrolling region a keyboard can reach (a Table scrolled by `scroll.y` is not focusable)
              <div
                tabIndex={0}
                role="region"
                aria-label={t('日历', 'Calendar')}
                style={{ maxHeight: 460, overflow: 'auto' }}
              >
                <Table
                  size="small"
                  rowKey="d"
                  pagination={false}
                  sticky
                  data-testid="calendar-days"
                  dataSource={dayRows}
                  columns={[
                    { title: t('日期', 'Day'), dataIndex: 'd', width: 130 },
                    {
                      title: t('星期', 'Weekday'),
                      width: 90,
                      render: (_: unknown, r) => {
                        const w = new Date(`${r.d}T00:00:00Z`).getUTCDay();
                        return lang === 'en' ? WEEK_EN[w] : `星期${WEEK_ZH[w]}`;
                      },
                    },
                    {
                      title: t('类型', 'Kind'),
                      render: (_: unknown, r) =>
                        r.kind === 'holiday' ? (
                          <Tag color="red">{t('放假', 'Holiday')}</Tag>
                        ) : (
                          <Tag color="blue">{t('调休上班', 'Make-up working day')}</Tag>
                        ),
                    },
                  ]}
                />
              </div>
            ) : (
              <Empty description={t(`${year} 年尚未录入`, `${year} is not entered`)} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('修改一天', 'Change a day')} style={{ marginBottom: 16 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <DatePicker value={day} onChange={setDay} aria-label={t('日期', 'Day')} data-testid="calendar-day" />
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} data-testid="calendar-day-kind">
                <Radio value="holiday">{t('放假', 'Holiday')}</Radio>
                <Radio value="workday">{t('调休上班', 'Make-up working day')}</Radio>
                <Radio value="normal">{t('按常规（周末休息）', 'Ordinary (weekends off)')}</Radio>
              </Radio.Group>
              {data ? null : (
                <Input
                  placeholder={t('发布依据（通知文号）', 'Source (the notice)')}
                  aria-label={t('发布依据', 'Source')}
                  value={source}
                  onChange={(e) => setSource(e.target.value)}
                  data-testid="calendar-source-input"
                />
              )}
              <Button type="primary" onClick={saveDay} loading={busy} disabled={!day} data-testid="calendar-day-save">
                {t('保存', 'Save')}
              </Button>
            </Space>
          </Card>
          <Card size="small" title={t('导入 JSON', 'Import JSON')}>
            <p style={{ marginTop: 0 }}>
              {t(
                '格式同 holidays-cn.json：{ "source": "…", "years": { "2027": { "holidays": [...], "workdays": [...] } } }，每年整体替换。',
                'Shaped like holidays-cn.json: { "source": "…", "years": { "2027": { "holidays": [...], "workdays": [...] } } }; each year is replaced whole.',
              )}
            </p>
            <label htmlFor="calendar-import-file">{t('选择文件', 'Choose a file')}</label>{' '}
            <input
              id="calendar-import-file"
              type="file"
              accept="application/json,.json"
              data-testid="calendar-import-file"
              disabled={busy}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importFile(f);
              }}
            />
            {imported.length ? (
              <ul data-testid="calendar-import-result" style={{ marginTop: 12, paddingLeft: 18 }}>
                {imported.map((r) => (
                  <li key={r.year}>
                    <Tag color={r.ok ? 'success' : 'error'}>{r.year}</Tag> {r.text}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
