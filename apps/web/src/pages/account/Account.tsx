/*
 * 我的账号 (issue 14): the profile (name and phone, GET/PATCH /api/me/profile with its version), the change of password
 * (POST /api/me/password: every other session ends, this browser gets a fresh pair) and the signed-in sessions
 * (GET /api/me/sessions; sign one out, or sign out everywhere — this browser included).
 */
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Space, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { accountApi, type Profile, type Session } from '../../api/account';
import { useAuth } from '../../auth';
import { tokens } from '../../client';
import { ROLE_NAMES, useI18n } from '../../i18n';
import { ErrorBox, fmtTime, okProps, PageTitle, useFormSubmit, useLoad } from '../../components/common';

const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

function ProfileCard() {
  const { t, v } = useI18n();
  const { message } = App.useApp();
  const { reload } = useAuth();
  const profile = useLoad(() => accountApi.profile(), []);
  const [form] = Form.useForm<{ name: string; phone: string }>();
  const p = profile.data;
  const { busy, error, onFinish } = useFormSubmit(form, async (vals: { name: string; phone: string }) => {
    if (!p) return;
    const next: Profile = await accountApi.updateProfile({
      name: vals.name.trim(),
      ...(vals.phone ? { phone: vals.phone.trim() } : {}),
      version: p.version,
    });
    profile.setData(next);
    void reload();
    message.success(t('个人资料已保存', 'Profile saved'));
  });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('个人资料', 'Profile')}</h2>} data-testid="profile-card">
      <ErrorBox error={profile.error ?? error} />
      {p ? (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('邮箱', 'E-mail')}>
              <span data-testid="profile-email">{p.email}</span>{' '}
              {p.emailVerified ? (
                <Tag color="green">{t('已验证', 'verified')}</Tag>
              ) : (
                <Tag color="orange">{t('未验证', 'not verified')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('角色', 'Roles')}>
              {p.roles.length ? p.roles.map((r) => <Tag key={r}>{v(ROLE_NAMES, r)}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('注册时间', 'Since')}>{fmtTime(p.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Form
            form={form}
            layout="vertical"
            onFinish={onFinish}
            initialValues={{ name: p.name, phone: p.phone ?? '' }}
            key={p.version}
          >
            <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, max: 100 }]}>
              <Input data-testid="profile-name" autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('联系电话', 'Phone')}
              rules={[{ pattern: PHONE, message: t('请输入有效的手机或座机号码', 'Enter a valid phone number') }]}
            >
              <Input data-testid="profile-phone" autoComplete="tel" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="profile-save">
              {t('保存', 'Save')}
            </Button>
          </Form>
        </>
      ) : null}
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const { busy, error, onFinish } = useFormSubmit(form, async (vals: PasswordValues) => {
    const pair = await accountApi.changePassword({
      currentPassword: vals.currentPassword,
      newPassword: vals.newPassword,
    });
    tokens.set(pair); // this browser keeps working with the fresh pair; every other session has ended
    form.resetFields();
    onChanged();
    message.success(t('密码已更改，其他设备已退出登录', 'Password changed; other sessions were signed out'));
  });
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('修改密码', 'Change password')}</h2>}
      data-testid="password-card"
    >
      <ErrorBox error={error} />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('当前密码', 'Current password')}
          rules={[{ required: true, message: t('请输入当前密码', 'Enter the current password') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('新密码', 'New password')}
          extra={t(
            '至少 10 位，包含大写字母、小写字母、数字、符号中的至少两类',
            'At least 10 characters from two classes (upper, lower, digits, symbols)',
          )}
          rules={[{ required: true, min: 10, message: t('至少 10 位', 'At least 10 characters') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认新密码', 'Repeat the new password')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('请再次输入新密码', 'Repeat the new password') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('两次输入不一致', 'The passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-save">
          {t('修改密码', 'Change password')}
        </Button>
      </Form>
    </Card>
  );
}

function SessionsCard({ sessions }: { sessions: ReturnType<typeof useLoad<Session[]>> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const signOutEverywhere = async () => {
    try {
      await accountApi.revokeAllSessions();
    } finally {
      tokens.clear();
      await logout();
      navigate('/login');
    }
  };
  const revoke = async (s: Session) => {
    await accountApi.revokeSession(s.id);
    if (s.current) {
      tokens.clear();
      await logout();
      navigate('/login');
      return;
    }
    message.success(t('已退出该会话', 'Session signed out'));
    await sessions.reload();
  };
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('登录会话', 'Signed-in sessions')}</h2>}
      extra={
        <Popconfirm
          title={t('退出所有设备（包括本设备）？', 'Sign out everywhere, this browser included?')}
          okText={t('全部退出', 'Sign out everywhere')}
          cancelText={t('取消', 'Cancel')}
          onConfirm={signOutEverywhere}
          okButtonProps={okProps('sessions-revoke-all-confirm')}
        >
          <Button danger data-testid="sessions-revoke-all">
            {t('退出所有设备', 'Sign out everywhere')}
          </Button>
        </Popconfirm>
      }
      data-testid="sessions-card"
    >
      <ErrorBox error={sessions.error} />
      <Table<Session>
        rowKey="id"
        size="small"
        loading={sessions.loading}
        dataSource={sessions.data ?? []}
        pagination={false}
        data-testid="sessions-table"
        columns={[
          {
            title: t('设备 / 浏览器', 'Device / browser'),
            dataIndex: 'userAgent',
            render: (ua: string | null, s) => (
              <Space wrap>
                <span style={{ wordBreak: 'break-all' }}>{ua ?? t('未知', 'unknown')}</span>
                {s.current ? <Tag color="blue">{t('本设备', 'this browser')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('地址', 'Address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
          { title: t('登录时间', 'Logged in'), dataIndex: 'createdAt', render: (d: string) => fmtTime(d) },
          { title: t('最近使用', 'Last used'), dataIndex: 'lastUsedAt', render: (d: string) => fmtTime(d) },
          {
            title: t('操作', 'Action'),
            key: 'action',
            render: (_: unknown, s) => (
              <Popconfirm
                title={t('退出该会话？', 'Sign this session out?')}
                okText={t('退出', 'Sign out')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={() => revoke(s)}
              >
                <Button size="small" data-testid={`session-revoke-${s.id}`}>
                  {t('退出', 'Sign out')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const sessions = useLoad(() => accountApi.sessions(), []);
  return (
    <>
      <PageTitle>{t('我的账号', 'My account')}</PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t(
          '修改密码或“退出所有设备”后，其他设备上的登录立即失效。',
          'After a password change or "sign out everywhere", the other sessions end at once.',
        )}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileCard />
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard onChanged={() => void sessions.reload()} />
        </Col>
        <Col span={24}>
          <SessionsCard sessions={sessions} />
        </Col>
      </Row>
    </>
  );
}
