import { Descriptions, Table, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Eligibility, HistoryEntry, Payload } from '../api';
import { APPLICATION_STATUS, BUSINESS_TYPES, useI18n } from '../i18n';
import { usePrograms } from '../programs';
import { formatFen } from '../money';
import { fmtTime } from './common';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';

const FIELD_LABELS: Record<string, [string, string]> = {
  fiscalYear: ['申报年度', 'Fiscal year'],
  businessTypes: ['主营业务类型', 'Business types'],
  income: ['收入情况', 'Income'],
  totalFen: ['总收入', 'Total'],
  animationMainFen: ['动漫主营收入', 'Animation main income'],
  selfDevelopedFen: ['自主开发收入', 'Self-developed income'],
  operatingFen: ['营业收入', 'Operating income'],
  rdSpendingFen: ['研发费用', 'R&D spending'],
  staff: ['人员情况', 'Staff'],
  total: ['总数', 'Total'],
  qualified: ['大专以上', 'Qualified'],
  rd: ['研发人员', 'R&D'],
  ipRights: ['知识产权', 'IP rights'],
  products: ['动漫产品', 'Products'],
  declaration: ['承诺', 'Declaration'],
  product: ['产品', 'Product'],
  name: ['名称', 'Name'],
  category: ['类别', 'Category'],
  annualIncomeFen: ['年收入', 'Annual income'],
  copiesSold: ['发行册数', 'Copies sold'],
  shows: ['演出场次', 'Shows'],
  exportIncomeFen: ['出口收入', 'Export income'],
  award: ['获奖', 'Award'],
  recommended: ['推荐', 'Recommended'],
  registeredCapitalFen: ['注册资本', 'Registered capital'],
  profitableYears: ['盈利年数', 'Profitable years'],
  ownIpExportIncomeFen: ['自主知识产权出口收入', 'Own-IP export income'],
  mediaType: ['作品类型', 'Media type'],
  workTitle: ['作品名称', 'Work title'],
  synopsis: ['简介', 'Synopsis'],
  creators: ['主创人员', 'Creators'],
  role: ['职务', 'Role'],
  education: ['学历', 'Education'],
  developmentPlan: ['开发计划', 'Development plan'],
  marketExpectation: ['市场预期', 'Market expectation'],
  licensing: ['授权情况', 'Licensing'],
  promotionPlan: ['推广计划', 'Promotion plan'],
  publishedOn: ['出版日期', 'Published on'],
  foreignCoOwnership: ['境外共有版权', 'Foreign co-ownership'],
  previouslyFunded: ['曾获资助', 'Funded before'],
  adaptationOf: ['改编自', 'Adaptation of'],
  targetLanguage: ['译制语种', 'Target language'],
  activity: ['推广活动', 'Activity'],
  startsOn: ['开始日期', 'Starts on'],
  endsOn: ['结束日期', 'Ends on'],
  location: ['地点', 'Location'],
  country: ['国家/地区', 'Country'],
  costs: ['费用明细', 'Costs'],
  item: ['项目', 'Item'],
  amountFen: ['金额', 'Amount'],
  requestedFen: ['申请金额', 'Requested'],
  kind: ['类型', 'Kind'],
  number: ['编号', 'Number'],
  grantedOn: ['取得日期', 'Granted on'],
  selfDeveloped: ['自主开发', 'Self-developed'],
};

/** Codes shown in payloads, by the field that holds them. */
const VALUE_LABELS: Record<string, Record<string, [string, string]>> = {
  kind: { copyright: ['著作权', 'Copyright'], patent: ['专利', 'Patent'] },
  category: {
    comic: ['漫画', 'Comic'],
    'comic-periodical': ['漫画期刊', 'Comic periodical'],
    animation: ['动画', 'Animation'],
    online: ['网络动漫', 'Online animation'],
    stage: ['动漫舞台剧', 'Stage show'],
    software: ['动漫软件', 'Animation software'],
    derivative: ['衍生产品', 'Derivatives'],
  },
  mediaType: {
    tv: ['动画电视', 'TV animation'],
    film: ['动画电影', 'Animated film'],
    comic: ['漫画', 'Comic'],
    'new-media': ['新媒体动漫', 'New-media animation'],
  },
  award: { national: ['国家级奖项', 'National award'], international: ['国际奖项', 'International award'] },
};

/** Payload keys in the order of the forms (the database keeps JSON keys in its own order); unknown keys last. */
const KEY_ORDER = Object.keys(FIELD_LABELS);
function ordered<T>(entries: [string, T][]): [string, T][] {
  const at = (k: string) => {
    const i = KEY_ORDER.indexOf(k);
    return i < 0 ? KEY_ORDER.length : i;
  };
  return [...entries].sort((a, b) => at(a[0]) - at(b[0]));
}

function useLabel() {
  const { t } = useI18n();
  return (k: string) => (FIELD_LABELS[k] ? t(...FIELD_LABELS[k]) : k);
}

function Value({ k, value }: { k: string; value: unknown }): ReactNode {
  const { t, v } = useI18n();
  const label = useLabel();
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return value ? t('是', 'Yes') : t('否', 'No');
  if (typeof value === 'number')
    return k.endsWith('Fen') ? <span style={{ whiteSpace: 'nowrap' }}>{formatFen(value)}</span> : String(value);
  if (typeof value === 'string') {
    const code = VALUE_LABELS[k]?.[value];
    return <span style={{ whiteSpace: 'pre-wrap' }}>{code ? t(...code) : value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x !== 'object'))
      return value.map((x) => (
        <Tag key={String(x)}>{k === 'businessTypes' ? v(BUSINESS_TYPES, String(x)) : String(x)}</Tag>
      ));
    const cols = ordered(
      [...new Set(value.flatMap((x) => Object.keys(x ?? {})))].map((c) => [c, c] as [string, string]),
    ).map(([c]) => c);
    return (
      <Table
        size="small"
        pagination={false}
        rowKey={(_r, i) => String(i)}
        dataSource={value}
        columns={cols.map((c) => ({
          title: label(c),
          dataIndex: c,
          render: (x: unknown) => <Value k={c} value={x} />,
        }))}
      />
    );
  }
  if (typeof value === 'object')
    return (
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={ordered(Object.entries(value)).map(([kk, vv]) => ({
          key: kk,
          label: label(kk),
          children: <Value k={kk} value={vv} />,
        }))}
      />
    );
  return String(value);
}

/** A read-only view of any program's payload. */
export function PayloadView({ payload }: { payload: Payload }) {
  const label = useLabel();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="payload-view"
      styles={{ label: { width: 180 } }}
      items={ordered(Object.entries(payload ?? {})).map(([k, val]) => ({
        key: k,
        label: label(k),
        children: <Value k={k} value={val} />,
      }))}
    />
  );
}

export function actorName(a: HistoryEntry['actor']): string {
  if (!a) return '';
  if (typeof a === 'string') return a;
  return a.name ?? a.id ?? '';
}

/** The status history as a timeline, newest last. */
export function HistoryTimeline({ history }: { history: HistoryEntry[] }) {
  const { v } = useI18n();
  return (
    <Timeline
      data-testid="status-timeline"
      items={history.map((h, i) => ({
        key: i,
        color:
          h.to === 'returned' || h.to === 'rejected' || h.to === 'revoked'
            ? 'red'
            : h.to === 'awarded'
              ? 'green'
              : 'blue',
        title: fmtTime(h.at),
        content: (
          <div>
            <strong>{v(APPLICATION_STATUS, h.to)}</strong>
            {h.from ? <span style={{ color: '#595959' }}> ← {v(APPLICATION_STATUS, h.from)}</span> : null}
            {actorName(h.actor) ? <span style={{ color: '#595959' }}> · {actorName(h.actor)}</span> : null}
            {h.comment ? <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{h.comment}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

/** Every eligibility rule with its result. */
export function EligibilityList({
  eligibility,
  onPick,
}: {
  eligibility: Eligibility | null;
  onPick?: (rule: string) => void;
}) {
  const { pick, t } = useI18n();
  const catalogue = usePrograms();
  if (!eligibility) return null;
  return (
    <div data-testid="eligibility-panel">
      <div style={{ marginBottom: 8 }}>
        {eligibility.eligible ? (
          <Tag color="success" data-testid="eligible-yes">
            {t('符合全部条件', 'All rules pass')}
          </Tag>
        ) : (
          <Tag color="error" data-testid="eligible-no">
            {t(
              `${eligibility.checks.filter((c) => !c.passed).length} 项不符合`,
              `${eligibility.checks.filter((c) => !c.passed).length} rule(s) fail`,
            )}
          </Tag>
        )}
      </div>
      {eligibility.checks.map((c) => (
        <div
          key={c.rule}
          data-testid={`rule-${c.rule}`}
          data-passed={c.passed ? 'true' : 'false'}
          onClick={() => onPick?.(c.rule)}
          style={{ padding: '6px 0', borderBottom: '1px dashed #f0f0f0', cursor: onPick ? 'pointer' : undefined }}
        >
          <span style={{ color: c.passed ? '#237804' : '#cf1322' }}>
            {c.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
          </span>{' '}
          <strong>{catalogue.ruleName(c.rule)}</strong>
          <div style={{ fontSize: 12, color: '#595959', marginLeft: 20 }}>{pick(c.detail)}</div>
        </div>
      ))}
    </div>
  );
}
