import type { ReactNode } from 'react';
import { Col, Form, InputNumber, Row, Select, Switch } from 'antd';
import type { Program } from '../../api';
import { AGGREGATIONS, useI18n } from '../../i18n';
import { MoneyInput } from '../../components/common';

/**
 * The settings every call has (money, review, notice, payments, what follows the award, the provincial stage), shared
 * by the call form and the recurring series' form (pages/officer/CallSeries.tsx): one set of fields, one set of
 * labels. The provinces' deadline differs (a date for a call, days after each close for a series): `provincialDeadline`.
 */
export function CallSettingsFields({
  stage,
  quotaTable,
  defaultShare,
  provincialDeadline,
}: {
  stage: string | undefined;
  quotaTable: unknown;
  defaultShare: number | null;
  provincialDeadline: ReactNode;
}) {
  const { t, v } = useI18n();
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item
          name="budgetFen"
          label={t('预算', 'Budget')}
          rules={[{ required: true, message: t('请输入预算', 'Enter the budget') }]}
        >
          <MoneyInput testId="call-budget" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="reviewersPerApplication"
          label={t('每项评审专家数', 'Reviewers per application')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={15} precision={0} style={{ width: '100%' }} data-testid="call-reviewers" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="blindReview" label={t('匿名评审', 'Blind review')} valuePropName="checked">
          <Switch data-testid="call-blind" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="regionRecusal" label={t('同省回避', 'Region recusal')} valuePropName="checked">
          <Switch data-testid="call-region-recusal" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="noticeWorkingDays"
          label={t('公示工作日数', 'Notice working days')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} data-testid="call-notice-days" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="aggregation" label={t('计分方法', 'Aggregation')} rules={[{ required: true }]}>
          <Select
            data-testid="call-aggregation"
            options={Object.keys(AGGREGATIONS).map((a) => ({ value: a, label: v(AGGREGATIONS, a) }))}
          />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="spreadThreshold" label={t('分歧阈值', 'Spread threshold')}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="call-spread" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item
          name="requestSharePercent"
          label={t('资助比例上限 %', 'Request share %')}
          extra={defaultShare !== null ? t(`默认 ${defaultShare}`, `default ${defaultShare}`) : undefined}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="call-share" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="deliberation"
          label={t('领导小组表决', 'Deliberation vote')}
          valuePropName="checked"
          extra={t(
            '专家评审后由领导小组对入围申报逐项表决，出席成员过半数赞成方可立项（动漫奖）；抽取专家后不能修改',
            'after the expert review a leading group votes on each nominee; only a majority of the members present ' +
              'elects, and only the elected can be awarded (动漫奖); fixed once experts are drawn',
          )}
        >
          <Switch data-testid="call-deliberation" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="paymentDualControl"
          label={t('拨付双人复核', 'Dual control of payments')}
          valuePropName="checked"
          extra={t(
            '开启后，失败款项的重试和银行回单中的失败行须由另一名财务人员批准（批次审批始终需两人）；定稿后只能开启，不能关闭',
            'On: a retry of a failed payment and the failed lines of a bank return need a second finance user ' +
              '(batches always need two); once finalized it can be switched on, not off',
          )}
        >
          <Switch data-testid="call-payment-dual-control" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="agreementRequired"
          label={t('签约后拨付', 'Agreement before money')}
          valuePropName="checked"
          extra={t(
            '获资助单位在线确认任务书、项目官员会签后，才能编入拨付批次；定稿后不能修改',
            'instalments wait for the task agreement, accepted and countersigned; fixed once finalized',
          )}
        >
          <Switch data-testid="call-agreement-required" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="reportsRequired"
          label={t('中期与结项报告', 'Mid-term and closing reports')}
          valuePropName="checked"
          extra={t(
            '按项目规定的报告计划：报告通过后拨付对应款项，逾期暂停后续拨付',
            "the program's report schedule: an accepted report releases its instalment, an overdue one holds the rest",
          )}
        >
          <Switch data-testid="call-reports-required" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="annualReview"
          label={t('年审', 'Annual review')}
          valuePropName="checked"
          extra={t(
            '认定证书每年5月1日至7月31日年审，未报或未通过即取消资格',
            'certificates are reviewed each year, 1 May to 31 July; missed or failed, they lapse',
          )}
        >
          <Switch data-testid="call-annual-review" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="provincialStage"
          label={t('省级阶段', 'Provincial stage')}
          extra={t('申报后不能再修改', 'fixed from the first submission')}
        >
          <Select
            data-testid="call-provincial-stage"
            options={[
              { value: 'none', label: t('无（直接报国家）', 'none (straight to the nation)') },
              { value: 'check', label: t('省级初审', 'provincial check (初审)') },
              { value: 'recommend', label: t('省级推荐', 'provincial recommendation (推荐)') },
            ]}
          />
        </Form.Item>
      </Col>
      {stage === 'recommend' ? (
        <Col span={6}>
          <Form.Item
            name="provincialQuota"
            label={t('每省推荐名额', 'Quota per province')}
            rules={quotaTable ? [] : [{ required: true, message: t('请输入名额', 'Enter the quota') }]}
            extra={quotaTable ? t('按省份设置的名额表保持不变', 'the table by province stays') : undefined}
          >
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid="call-quota" />
          </Form.Item>
        </Col>
      ) : null}
      {stage && stage !== 'none' ? provincialDeadline : null}
    </Row>
  );
}

/**
 * Issue 15: the tracks a call takes applications on (推优's quarterly call: 季度推荐 only), for a program with more
 * than one; empty = every track. Fixed once the call is made (`disabled` when editing).
 */
export function CallTracksField({ program, disabled }: { program: Program | undefined; disabled?: boolean }) {
  const { t, pick } = useI18n();
  if (!program || program.tracks.length < 2) return null;
  const listTracks = program.award.listTracks;
  return (
    <Form.Item
      name="tracks"
      label={t('受理类别', 'Tracks taken')}
      extra={t('不选则受理全部类别；建立后不能修改', 'None chosen: every track. Fixed once the call is made')}
    >
      <Select
        mode="multiple"
        allowClear
        disabled={disabled}
        data-testid="call-tracks"
        placeholder={t('全部类别', 'Every track')}
        options={program.tracks.map((x) => ({
          value: x.code,
          label: listTracks.includes(x.code)
            ? `${pick(x.name)}（${t('名单，无资金', 'a list, no money')}）`
            : pick(x.name),
        }))}
      />
    </Form.Item>
  );
}

/** The program's real settings (its `callDefaults`), preselected when the officer picks a program. */
export function programPresets(d: Program['callDefaults'] | undefined) {
  return {
    agreementRequired: !!d?.agreementRequired,
    reportsRequired: !!d?.reportsRequired,
    annualReview: !!d?.annualReview,
    deliberation: !!d?.deliberation,
    provincialStage: d?.provincialStage ?? 'none',
    provincialQuota: typeof d?.provincialQuota === 'number' ? d.provincialQuota : null,
    tracks: [] as string[],
  };
}
