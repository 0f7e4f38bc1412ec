import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { RankingRow } from '../../api';
import { deliberationApi, type Deliberation } from '../../api/deliberation';
import { useI18n } from '../../i18n';
import { ErrorBox, useLoad } from '../../components/common';
import { fmtTime } from '../../components/time';

type Tally = { yes?: number | null; no?: number | null; abstain?: number | null };

/**
 * 领导小组表决 (issue 15), on the review round page of a call with `deliberation`: once the round is closed, the officer
 * records a session — the members present and, per nominee in ranking order, the votes for, against and abstaining
 * (they must add up to the members present). A majority of the members present elects; only the elected can be
 * awarded. Every session stays listed; a revote is a new session.
 */
export function DeliberationCard({ callId, ranking }: { callId: string; ranking: RankingRow[] | null | undefined }) {
  const { t } = useI18n();
  const data = useLoad(() => deliberationApi.get(callId), [callId]);
  const [members, setMembers] = useState('');
  const [tallies, setTallies] = useState<Record<string, Tally>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const present = members
    .split(/[\n,，、]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const elected = new Set(data.data?.elected ?? []);

  const record = async () => {
    setBusy(true);
    setError(null);
    try {
      const votes = Object.entries(tallies)
        .filter(([, v]) => (v.yes ?? null) !== null || (v.no ?? null) !== null || (v.abstain ?? null) !== null)
        .map(([applicationId, v]) => ({ applicationId, yes: v.yes ?? 0, no: v.no ?? 0, abstain: v.abstain ?? 0 }));
      await deliberationApi.record(callId, { members: present, votes });
      setTallies({});
      void data.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const tallyInput = (id: string, key: keyof Tally) => (
    <InputNumber
      size="small"
      min={0}
      max={200}
      precision={0}
      style={{ width: 72 }}
      aria-label={`${key} ${id}`}
      data-testid={`deliberation-${key}-${id}`}
      value={tallies[id]?.[key] ?? null}
      onChange={(x) => setTallies((all) => ({ ...all, [id]: { ...all[id], [key]: x } }))}
    />
  );

  return (
    <Card
      size="small"
      title={t('领导小组表决', 'Deliberation vote')}
      style={{ marginBottom: 16 }}
      data-testid="deliberation"
    >
      <ErrorBox error={data.error} />
      <ErrorBox error={error} onClose={() => setError(null)} />
      {!ranking ? (
        <Alert type="info" showIcon title={t('评审结束后进行表决。', 'The vote follows the closed review round.')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t(
              '出席成员过半数赞成即当选；只有当选的申报可以立项。每项的赞成、反对、弃权票数之和须等于出席人数。',
              'A majority of the members present elects; only the elected can be awarded. For, against and abstentions ' +
                'must add up to the members present.',
            )}
          </Typography.Text>
          <Input.TextArea
            rows={2}
            value={members}
            onChange={(e) => setMembers(e.target.value)}
            placeholder={t(
              '出席成员姓名，用逗号或换行分隔（至少 3 人）',
              'Members present, by comma or line (at least 3)',
            )}
            aria-label={t('出席成员', 'Members present')}
            data-testid="deliberation-members"
          />
          <Typography.Text>{t(`出席 ${present.length} 人`, `${present.length} present`)}</Typography.Text>
          <Table<RankingRow>
            rowKey="applicationId"
            size="small"
            pagination={false}
            dataSource={ranking}
            scroll={{ x: 720 }}
            columns={[
              { title: t('名次', 'Rank'), dataIndex: 'rank', width: 60, render: (x: number | null) => x ?? '—' },
              { title: t('申报编号', 'Number'), dataIndex: 'number', width: 150 },
              { title: t('名称', 'Title'), dataIndex: 'title' },
              { title: t('赞成', 'For'), width: 90, render: (_, r) => tallyInput(r.applicationId, 'yes') },
              { title: t('反对', 'Against'), width: 90, render: (_, r) => tallyInput(r.applicationId, 'no') },
              { title: t('弃权', 'Abstain'), width: 90, render: (_, r) => tallyInput(r.applicationId, 'abstain') },
              {
                title: t('结果', 'Result'),
                width: 90,
                render: (_, r) =>
                  elected.has(r.applicationId) ? (
                    <Tag color="green" data-testid={`deliberation-elected-${r.applicationId}`}>
                      {t('当选', 'Elected')}
                    </Tag>
                  ) : null,
              },
            ]}
          />
          <Button type="primary" loading={busy} onClick={() => void record()} data-testid="deliberation-record">
            {t('记录表决结果', 'Record the vote')}
          </Button>
        </Space>
      )}
      {(data.data?.sessions ?? []).map((s: Deliberation['sessions'][number], i) => (
        <Descriptions
          key={s.id}
          size="small"
          bordered
          column={1}
          style={{ marginTop: 16 }}
          title={t(`第 ${i + 1} 次表决`, `Vote ${i + 1}`)}
          data-testid={`deliberation-session-${i + 1}`}
          items={[
            { key: 'at', label: t('时间', 'Held'), children: fmtTime(s.heldAt) },
            { key: 'members', label: t('出席成员', 'Members present'), children: s.members.join('、') },
            {
              key: 'votes',
              label: t('计票', 'Tallies'),
              children: s.votes.map((v) => (
                <div key={v.applicationId}>
                  {v.number} {v.title}：{t('赞成', 'for')} {v.yes} / {t('反对', 'against')} {v.no} /{' '}
                  {t('弃权', 'abstain')} {v.abstain}{' '}
                  {v.elected ? (
                    <Tag color="green">{t('当选', 'Elected')}</Tag>
                  ) : (
                    <Tag>{t('未当选', 'Not elected')}</Tag>
                  )}
                </div>
              )),
            },
          ]}
        />
      ))}
    </Card>
  );
}
