/*
 * 本单位 (issue 14): the organization's profile (GET /api/organizations/:id: name, credit code, province, the flags it
 * may see) and its colleagues — invite by e-mail, the members with the owner, remove one and hand the owner role over
 * (owner only), the invitations with withdrawal (the owner, or who sent it).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { CrownOutlined, UserAddOutlined } from '@ant-design/icons';
import { api, type OrganizationFlag } from '../../api';
import { accountApi, type InvitationItem, type Member } from '../../api/account';
import { useAuth } from '../../auth';
import { BUSINESS_TYPES, FLAG_KINDS, useI18n } from '../../i18n';
import { ErrorBox, fmtTime, PageTitle, useFormSubmit, useLoad } from '../../components/common';

const INVITATION_STATUS: Record<string, [string, string, string]> = {
  pending: ['待接受', 'pending', 'blue'],
  accepted: ['已接受', 'accepted', 'green'],
  expired: ['已过期', 'expired', 'default'],
  revoked: ['已撤回', 'withdrawn', 'default'],
};

function OrganizationCard({ id }: { id: string }) {
  const { t, v, pick } = useI18n();
  const org = useLoad(() => api.organization(id), [id]);
  const flags = useLoad(() => api.organizationFlags(id) as Promise<OrganizationFlag[]>, [id]);
  const o = org.data;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('单位信息', 'Organization')}</h2>}
      data-testid="company-card"
    >
      <ErrorBox error={org.error ?? flags.error} />
      {o ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('单位名称', 'Name')}>
            <span data-testid="company-name">{o.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('统一社会信用代码', 'Credit code')}>
            <span data-testid="company-credit-code">{o.creditCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('所在省份', 'Province')}>
            <span data-testid="company-province">
              {pick(o.province)}（{o.province.code}）
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('法定代表人', 'Legal representative')}>{o.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={t('注册地址', 'Address')} span={2}>
            {o.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('业务类型', 'Business types')} span={2}>
            <Space size={4} wrap>
              {o.businessTypes.map((b) => (
                <Tag key={b}>{v(BUSINESS_TYPES, b)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('信用记录', 'Flags')} span={2}>
            {flags.data && flags.data.length ? (
              <Space direction="vertical" size={4} data-testid="company-flags">
                {flags.data.map((f) => (
                  <span key={f.id}>
                    <Tag color={f.active ? 'red' : 'default'}>{v(FLAG_KINDS, f.kind)}</Tag>
                    {f.from} — {f.until ?? t('长期', 'open-ended')} · {f.reason}
                  </span>
                ))}
              </Space>
            ) : (
              t('无', 'none')
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}

function InviteForm({ id, onInvited }: { id: string; onInvited: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const { busy, error, onFinish } = useFormSubmit(form, async (vals: { email: string }) => {
    await accountApi.invite(id, vals.email.trim());
    form.resetFields();
    message.success(t('邀请邮件已发送', 'Invitation sent'));
    onInvited();
  });
  return (
    <>
      <ErrorBox error={error} />
      <Form form={form} layout="inline" onFinish={onFinish} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item
          name="email"
          label={t('同事邮箱', "Colleague's e-mail")}
          rules={[{ required: true, type: 'email', message: t('请输入有效的邮箱', 'Enter a valid e-mail') }]}
        >
          <Input style={{ width: 280 }} data-testid="invite-email" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={busy} data-testid="invite-submit">
          {t('发送邀请', 'Invite')}
        </Button>
      </Form>
    </>
  );
}

function ColleaguesCard({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const members = useLoad(() => accountApi.members(id), [id]);
  const invitations = useLoad(() => accountApi.invitations(id), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const iAmOwner = !!members.data?.some((m) => m.owner && m.id === me?.id);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setActionError(null);
    try {
      await run();
      message.success(done);
      await Promise.all([members.reload(), invitations.reload()]);
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('同事', 'Colleagues')}</h2>} data-testid="colleagues-card">
      {me?.emailVerified === false ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('请先验证您的邮箱，再邀请同事。', 'Verify your e-mail before inviting colleagues.')}
        />
      ) : null}
      <InviteForm id={id} onInvited={() => void invitations.reload()} />
      <ErrorBox error={members.error ?? invitations.error ?? actionError} onClose={() => setActionError(null)} />
      <Table<Member>
        rowKey="id"
        size="small"
        loading={members.loading}
        dataSource={members.data ?? []}
        pagination={false}
        data-testid="members-table"
        columns={[
          {
            title: t('姓名', 'Name'),
            dataIndex: 'name',
            render: (name: string, m) => (
              <Space>
                {name}
                {m.owner ? (
                  <Tag icon={<CrownOutlined />} color="gold" data-testid="member-owner">
                    {t('负责人', 'owner')}
                  </Tag>
                ) : null}
                {m.id === me?.id ? <Tag>{t('我', 'me')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('邮箱', 'E-mail'), dataIndex: 'email' },
          { title: t('电话', 'Phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          {
            title: t('状态', 'State'),
            key: 'state',
            render: (_: unknown, m) =>
              m.disabled ? (
                <Tag>{t('已停用', 'disabled')}</Tag>
              ) : m.emailVerified ? (
                <Tag color="green">{t('已验证', 'verified')}</Tag>
              ) : (
                <Tag color="orange">{t('邮箱未验证', 'e-mail not verified')}</Tag>
              ),
          },
          { title: t('加入时间', 'Joined'), dataIndex: 'joinedAt', render: (d: string) => fmtTime(d) },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            render: (_: unknown, m) =>
              iAmOwner && !m.owner ? (
                <Space>
                  <Popconfirm
                    title={t(`将负责人身份移交给 ${m.name}？`, `Hand the owner role to ${m.name}?`)}
                    okText={t('移交', 'Hand over')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() =>
                      act(() => accountApi.handOverOwner(id, m.id), t('负责人已移交', 'Owner role handed over'))
                    }
                  >
                    <Button size="small" disabled={m.disabled || !m.emailVerified} data-testid={`member-owner-${m.id}`}>
                      {t('移交负责人', 'Make owner')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t(
                      `移除 ${m.name}？其账号将立即失去本单位的申报权限。`,
                      `Remove ${m.name}? The account loses access to this organization at once.`,
                    )}
                    okText={t('移除', 'Remove')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() => act(() => accountApi.removeMember(id, m.id), t('已移除', 'Removed'))}
                  >
                    <Button size="small" danger data-testid={`member-remove-${m.id}`}>
                      {t('移除', 'Remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      <h3 style={{ fontSize: 15, marginTop: 24 }}>{t('邀请记录', 'Invitations')}</h3>
      {invitations.data && !invitations.data.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无邀请', 'No invitations yet')} />
      ) : (
        <Table<InvitationItem>
          rowKey="id"
          size="small"
          loading={invitations.loading}
          dataSource={invitations.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="invitations-table"
          columns={[
            { title: t('邮箱', 'E-mail'), dataIndex: 'email' },
            {
              title: t('状态', 'State'),
              dataIndex: 'status',
              render: (s: string) => {
                const [zh, en, color] = INVITATION_STATUS[s] ?? [s, s, 'default'];
                return (
                  <Tag color={color} data-testid={`invitation-status-${s}`}>
                    {lang === 'en' ? en : zh}
                  </Tag>
                );
              },
            },
            { title: t('邀请人', 'Invited by'), dataIndex: 'invitedByName', render: (n: string | null) => n ?? '—' },
            { title: t('发送时间', 'Sent'), dataIndex: 'createdAt', render: (d: string) => fmtTime(d) },
            { title: t('有效期至', 'Valid until'), dataIndex: 'expiresAt', render: (d: string) => fmtTime(d) },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              render: (_: unknown, i) =>
                i.status === 'pending' && (iAmOwner || i.invitedBy === me?.id) ? (
                  <Popconfirm
                    title={t('撤回此邀请？链接将失效。', 'Withdraw this invitation? Its link stops working.')}
                    okText={t('撤回', 'Withdraw')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() =>
                      act(() => accountApi.revokeInvitation(id, i.id), t('邀请已撤回', 'Invitation withdrawn'))
                    }
                  >
                    <Button size="small" data-testid={`invitation-revoke-${i.id}`}>
                      {t('撤回', 'Withdraw')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
    </Card>
  );
}

export function CompanyPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  if (!me?.organizationId)
    return <Empty description={t('您的账号不属于任何申报单位', 'Your account belongs to no organization')} />;
  return (
    <>
      <PageTitle>{t('本单位', 'My organization')}</PageTitle>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <OrganizationCard id={me.organizationId} />
        <ColleaguesCard id={me.organizationId} />
      </Space>
    </>
  );
}
