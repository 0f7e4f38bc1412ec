import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { ApiError, downloadFile } from '../../../client';
import { agreementsApi, type Agreement } from '../../../api/agreements';
import { useAuth } from '../../../auth';
import { useI18n } from '../../../i18n';
import { ErrorBox, errorText, fmtTime, okProps, StatusTag, useLoad } from '../../../components/common';
import { formatFen } from '../../../money';
import type { AwardPanelProps } from './types';
import { changeKindLabel, changeSummary } from './Changes';

const STATUS_COLOR: Record<string, string> = { issued: 'warning', accepted: 'processing', countersigned: 'success' };

export function useAgreementStatusLabel() {
  const { t } = useI18n();
  return (s: string) =>
    ({
      issued: t('待确认', 'To accept'),
      accepted: t('已确认，待会签', 'Accepted, to countersign'),
      countersigned: t('已会签', 'Countersigned'),
    })[s] ?? s;
}

/** Why an instalment waits, in words. */
export function useHoldLabel() {
  const { t } = useI18n();
  return (r: string) =>
    r === 'agreement'
      ? t('待任务书会签', 'waiting for the countersigned agreement')
      : r.startsWith('report-overdue:')
        ? t(`报告逾期（${r.slice(15)}）`, `report overdue (${r.slice(15)})`)
        : r;
}

/**
 * 任务书 (issue 13): the grantee reads the agreement, downloads the PDF and accepts it (with a confirmation); an officer
 * countersigns an accepted one, which releases the held instalments. Nothing for an award without money or on a call
 * that requires no agreement.
 */
export function AgreementPanel({ award, reload }: AwardPanelProps) {
  const { t, lang, pick } = useI18n();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const statusLabel = useAgreementStatusLabel();
  const holdLabel = useHoldLabel();
  const hasMoney = !!award.amountFen;
  const data = useLoad(async (): Promise<Agreement | null> => {
    if (!hasMoney) return null;
    try {
      return await agreementsApi.agreement(award.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [award.id, hasMoney]);
  const [busy, setBusy] = useState(false);
  const a = data.data;
  if (!hasMoney || (!a && !data.error)) return null;
  const isOfficer = !!me?.roles.includes('officer');
  const isGrantee = !!me?.organizationId && me.organizationId === a?.organizationId;

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      await data.reload();
      reload();
    } catch (e) {
      message.error(errorText(e, lang));
      await data.reload();
    } finally {
      setBusy(false);
    }
  };

  const accept = () =>
    modal.confirm({
      title: t('确认任务书', 'Accept the task agreement'),
      content: t(
        `确认后即表示本单位同意任务书第 ${a!.version} 版的全部条款；确认人、时间、地址及文件摘要将被记录。`,
        `Accepting binds your organization to every clause of version ${a!.version}; your name, the time, your address and the file's digest are recorded.`,
      ),
      okText: t('确认', 'Accept'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: okProps('agreement-accept-confirm'),
      onOk: () => act(() => agreementsApi.accept(award.id, a!.version), t('已确认任务书', 'Agreement accepted')),
    });

  const countersign = () =>
    modal.confirm({
      title: t('会签任务书', 'Countersign the agreement'),
      content: t('会签后，首期资金即可进入拨付批次。', 'Once countersigned, the first instalment can be batched.'),
      okText: t('会签', 'Countersign'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: okProps('agreement-countersign-confirm'),
      onOk: () => act(() => agreementsApi.countersign(award.id), t('已会签', 'Countersigned')),
    });

  return (
    <Card
      size="small"
      title={t('任务书（签约）', 'Task agreement')}
      data-testid="agreement-panel"
      extra={
        a ? (
          <Space>
            <Tag color={STATUS_COLOR[a.status]} data-testid={`agreement-status-${a.status}`}>
              {statusLabel(a.status)}
            </Tag>
            <Button
              size="small"
              data-testid="agreement-pdf"
              onClick={() =>
                downloadFile(agreementsApi.agreementPdfPath(award.id), `agreement-${award.id}.pdf`).catch((e) =>
                  message.error(errorText(e, lang)),
                )
              }
            >
              {t('下载 PDF', 'Download PDF')}
            </Button>
            {isGrantee && a.status === 'issued' && a.awardStatus === 'active' ? (
              <Button type="primary" size="small" loading={busy} onClick={accept} data-testid="agreement-accept">
                {t('确认任务书', 'Accept')}
              </Button>
            ) : null}
            {isOfficer && a.status === 'accepted' && a.awardStatus === 'active' ? (
              <Button
                type="primary"
                size="small"
                loading={busy}
                onClick={countersign}
                data-testid="agreement-countersign"
              >
                {t('会签', 'Countersign')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      <ErrorBox error={data.error} />
      {a ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {a.status === 'issued' && isGrantee ? (
            <Alert
              type="info"
              showIcon
              title={t(
                '请阅读任务书并在线确认；任务书会签前，资金暂缓拨付。',
                'Read and accept the agreement; no money is paid before it is countersigned.',
              )}
            />
          ) : null}
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('版本', 'Version')}>{a.version}</Descriptions.Item>
            <Descriptions.Item label={t('申报编号', 'Number')}>{a.applicationNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('甲方', 'Agency')}>{pick(a.agency)}</Descriptions.Item>
            <Descriptions.Item label={t('乙方', 'Grantee')}>
              {a.organizationName}（{a.creditCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('项目名称', 'Title')}>
              <span data-testid="agreement-title">{a.title}</span>
              {a.title !== a.originalTitle ? (
                <Typography.Text type="secondary">
                  {' '}
                  ({t('原名', 'was')} {a.originalTitle})
                </Typography.Text>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('类别', 'Track')}>{a.trackName ? pick(a.trackName) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('扶持资金', 'Amount')}>{formatFen(a.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('立项日期 / 计划完成', 'Awarded / plan ends')}>
              {a.awardedOn} / <span data-testid="agreement-plan-end">{a.planEndsOn}</span>
            </Descriptions.Item>
            {a.acceptedAt ? (
              <Descriptions.Item label={t('确认', 'Accepted')} span={2}>
                <span data-testid="agreement-accepted">
                  {a.acceptedByName} · {fmtTime(a.acceptedAt)} · {a.acceptedIp ?? '—'} · {t('第', 'v')}
                  {a.acceptedVersion}
                  {t('版', '')}
                </span>
                <br />
                <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                  {a.pdfSha256}
                </Typography.Text>
              </Descriptions.Item>
            ) : null}
            {a.countersignedAt ? (
              <Descriptions.Item label={t('会签', 'Countersigned')} span={2}>
                {a.countersignedByName} · {fmtTime(a.countersignedAt)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Table
            rowKey="instalmentNo"
            size="small"
            pagination={false}
            dataSource={a.instalments}
            data-testid="agreement-instalments"
            columns={[
              { title: t('期次', 'No.'), dataIndex: 'instalmentNo', width: 60 },
              { title: t('比例', 'Share'), dataIndex: 'percent', width: 70, render: (p: number) => `${p}%` },
              { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: formatFen },
              { title: t('拨付条件', 'Paid when'), dataIndex: 'condition', render: (c) => pick(c) },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                width: 220,
                render: (s: string, i) =>
                  s === 'held' ? (
                    <Tag color="warning">
                      {t('暂缓', 'Held')}: {i.holdReasons.map(holdLabel).join('；')}
                    </Tag>
                  ) : (
                    <StatusTag status={s} kind="instalment" />
                  ),
              },
            ]}
          />
          <Typography.Text strong>{t('交付成果', 'Deliverables')}</Typography.Text>
          <List
            size="small"
            dataSource={a.deliverables}
            renderItem={(d, i) => <List.Item>{`${i + 1}. ${pick(d)}`}</List.Item>}
          />
          <Typography.Text strong>{t('乙方义务', 'Duties')}</Typography.Text>
          <List
            size="small"
            dataSource={a.duties}
            renderItem={(d, i) => <List.Item>{`${i + 1}. ${pick(d)}`}</List.Item>}
          />
          {a.changes.length ? (
            <>
              <Typography.Text strong>{t('变更记录', 'Approved changes')}</Typography.Text>
              <List
                size="small"
                data-testid="agreement-changes"
                dataSource={a.changes}
                renderItem={(c) => (
                  <List.Item>
                    {t('第', 'v')}
                    {c.agreementVersion}
                    {t('版', '')} · {changeKindLabel(c.kind, t)}: {changeSummary(c)}
                  </List.Item>
                )}
              />
            </>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
