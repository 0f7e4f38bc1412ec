import { Select, Tag, type TableColumnType } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from './i18n';

/**
 * The provinces of GB/T 2260 that apply through a provincial office (the credit code's positions 3–4), as the
 * portal's `PROVINCES` (libs/platform/src/regions/provinces.ts) lists them: for the officer's province filter.
 */
export const PROVINCE_CODES: [code: string, zh: string, en: string][] = [
  ['11', '北京', 'Beijing'],
  ['12', '天津', 'Tianjin'],
  ['13', '河北', 'Hebei'],
  ['14', '山西', 'Shanxi'],
  ['15', '内蒙古', 'Inner Mongolia'],
  ['21', '辽宁', 'Liaoning'],
  ['22', '吉林', 'Jilin'],
  ['23', '黑龙江', 'Heilongjiang'],
  ['31', '上海', 'Shanghai'],
  ['32', '江苏', 'Jiangsu'],
  ['33', '浙江', 'Zhejiang'],
  ['34', '安徽', 'Anhui'],
  ['35', '福建', 'Fujian'],
  ['36', '江西', 'Jiangxi'],
  ['37', '山东', 'Shandong'],
  ['41', '河南', 'Henan'],
  ['42', '湖北', 'Hubei'],
  ['43', '湖南', 'Hunan'],
  ['44', '广东', 'Guangdong'],
  ['45', '广西', 'Guangxi'],
  ['46', '海南', 'Hainan'],
  ['50', '重庆', 'Chongqing'],
  ['51', '四川', 'Sichuan'],
  ['52', '贵州', 'Guizhou'],
  ['53', '云南', 'Yunnan'],
  ['54', '西藏', 'Tibet'],
  ['61', '陕西', 'Shaanxi'],
  ['62', '甘肃', 'Gansu'],
  ['63', '青海', 'Qinghai'],
  ['64', '宁夏', 'Ningxia'],
  ['65', '新疆', 'Xinjiang'],
];

/** A filter by the applying organization's province (empty: every province the officer sees). */
export function ProvinceSelect(props: { value: string | undefined; onChange(code: string | undefined): void }) {
  const { t, lang } = useI18n();
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      style={{ width: 140 }}
      placeholder={t('省份', 'Province')}
      aria-label={t('省份', 'Province')}
      value={props.value}
      onChange={(x) => props.onChange(x)}
      data-testid="province-filter"
      options={PROVINCE_CODES.map(([code, zh, en]) => ({ value: code, label: lang === 'en' ? en : zh }))}
    />
  );
}

/** Where the application applies: the organization's province, as the API names it. */
export function ProvinceTag(props: {
  code: string | null | undefined;
  name: { zh: string; en: string } | null | undefined;
}) {
  const { t, pick } = useI18n();
  if (!props.code) return null;
  return (
    <Tag color="geekblue" data-testid="app-province" title={t('申报单位所在省份', "The organization's province")}>
      {props.name ? pick(props.name) : props.code}
    </Tag>
  );
}

/** A province's short name from its two-digit code (江苏 / Jiangsu); the code itself when unknown, '—' when absent. */
export function provinceLabel(code: string | null | undefined, lang: string): string {
  if (!code) return '—';
  const p = PROVINCE_CODES.find(([c]) => c === code);
  return p ? (lang === 'en' ? p[2] : p[1]) : code;
}

/** A row of an officer's list that names its organization's province (GB/T 2260 two-digit code). */
interface WithProvince {
  province?: string | null;
}

/**
 * The officer lists' province column (issue 12): the row's `province` by its short name (江苏 / Jiangsu). One column
 * definition for every list that has it — awards, decisions, the ranking, instalments.
 */
export function provinceColumn<T extends WithProvince>(
  t: (zh: string, en: string) => string,
  lang: string,
): TableColumnType<T> {
  return {
    title: t('省份', 'Province'),
    dataIndex: 'province',
    width: 80,
    render: (code: string | null | undefined) => <span data-testid="province-cell">{provinceLabel(code, lang)}</span>,
  };
}

/**
 * The page's `?province=` (the officer's province filter, kept in the address so that a reload or a shared link keeps
 * it) and its setter (undefined clears it). Other search parameters stay as they are.
 */
export function useProvinceParam(): [string | undefined, (code: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = (code: string | undefined) => {
    const p = new URLSearchParams(params);
    if (code) p.set('province', code);
    else p.delete('province');
    setParams(p, { replace: true });
  };
  return [params.get('province') ?? undefined, set];
}

/**
 * The rows of a list loaded whole (not paged on the server: decisions, the ranking) in the chosen province; every row
 * when none is chosen. Ranks and totals stay the server's: the filter only hides rows.
 */
export function inProvince<T extends WithProvince>(rows: readonly T[], code: string | undefined): T[] {
  return code ? rows.filter((r) => r.province === code) : [...rows];
}
