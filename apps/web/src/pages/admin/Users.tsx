/*
 * 用户管理: every account — search by a part of the name or e-mail, filter by role; edit the roles, the officer's agency
 * (their scope), disable or enable (a disabled account stops at once: its tokens stop working on the next request).
 */
import { useState } from 'react';
import { App, Button, Checkbox, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { adminApi, type RoleName, type User } from '../../api/admin';
import { useAuth } from '../../auth';
import { ROLE_NAMES, useI18n } from '../../i18n';
import { ErrorBox, errorText, okProps, PageTitle, useLoad, usePaged } from '../../components/common';

const ROLES: RoleName[] = ['applicant', 'expert', 'officer', 'finance', 'admin'];

function RolesModal({ user, onClose }: { user: User; onClose: (saved: boolean) => void }) {
  const { t, v } = useI18n();
  const [roles, setRoles] = useState<RoleName[]>(user.roles);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={`${t('编辑角色', 'Edit roles')} · ${user.name}`}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={okProps('user-roles-save', { disabled: roles.length === 0 })}
      onCancel={() => onClose(false)}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await adminApi.setRoles(user.id, roles);
          onClose(true);
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorBox error={error} />
      <Checkbox.Group
        value={roles}
        onChange={(x) => setRoles(x as RoleName[])}
        data-testid="user-roles"
        options={ROLES.map((r) => ({ value: r, label: v(ROLE_NAMES, r) }))}
      />
    </Modal>
  );
}

function AgencySelect({ user, onSaved }: { user: User; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const agencies = useLoad(() => api.agencies({ pageSize: 100 }), []);
  return (
    <Select
      size="small"
      style={{ width: 180 }}
      aria-label={t('主管部门', 'Agency')}
      value={user.agencyId ?? ''}
      data-testid={`user-agency-${user.id}`}
      loading={agencies.loading}
      options={[
        { value: '', label: t('国家级（全部）', 'National (all)') },
        ...(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: lang === 'en' ? a.nameEn : a.nameZh })),
      ]}
      onChange={async (x: string) => {
        try {
          await adminApi.setAgency(user.id, x || null);
          message.success(t('已更新主管部门', 'Agency updated'));
          onSaved();
        } catch (e) {
          message.error(errorText(e, lang));
        }
      }}
    />
  );
}

export function UsersPage() {
  const { t, v, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<User | null>(null);
  const list = usePaged((page, pageSize) => adminApi.users({ page, pageSize, q, role }), [q, role]);

  const toggle = async (u: User) => {
    try {
      if (u.disabled) await adminApi.enableUser(u.id);
      else await adminApi.disableUser(u.id);
      message.success(
        u.disabled ? t('已启用', 'Enabled') : t('已停用，该账号立即无法使用', 'Disabled: the account stops at once'),
      );
      void list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          <Link to="/admin/users/new" data-testid="users-create">
            <Button type="primary" icon={<UserAddOutlined />}>
              {t('创建用户', 'Create user')}
            </Button>
          </Link>
        }
      >
        {t('用户管理', 'Users')}
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('姓名或邮箱', 'Name or e-mail')}
          aria-label={t('搜索用户', 'Search users')}
          onSearch={(x) => setQ(x.trim())}
          style={{ width: 280 }}
          data-testid="users-search"
        />
        <Select
          allowClear
          placeholder={t('角色', 'Role')}
          aria-label={t('角色', 'Role')}
          style={{ width: 160 }}
          value={role}
          onChange={setRole}
          data-testid="users-role-filter"
          options={ROLES.map((r) => ({ value: r, label: v(ROLE_NAMES, r) }))}
        />
      </Space>
      <ErrorBox error={list.error} />
      <Table<User>
        rowKey="id"
        size="middle"
        data-testid="users-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'name' },
          { title: t('邮箱', 'E-mail'), dataIndex: 'email' },
          {
            title: t('角色', 'Roles'),
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                {u.roles.map((r) => (
                  <Tag key={r}>{v(ROLE_NAMES, r)}</Tag>
                ))}
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  aria-label={t('编辑角色', 'Edit roles')}
                  onClick={() => setEditing(u)}
                  data-testid={`user-roles-edit-${u.id}`}
                />
              </Space>
            ),
          },
          {
            title: t('主管部门', 'Agency'),
            width: 200,
            render: (_: unknown, u) =>
              u.roles.includes('officer') ? (
                <AgencySelect user={u} onSaved={() => void list.reload()} />
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('状态', 'Status'),
            width: 100,
            render: (_: unknown, u) =>
              u.disabled ? (
                <Tag color="error" data-testid={`user-status-${u.id}`}>
                  {t('已停用', 'Disabled')}
                </Tag>
              ) : (
                <Tag color="success" data-testid={`user-status-${u.id}`}>
                  {t('正常', 'Active')}
                </Tag>
              ),
          },
          {
            title: t('操作', 'Actions'),
            width: 110,
            render: (_: unknown, u) =>
              u.id === me?.id ? null : (
                <Popconfirm
                  title={
                    u.disabled
                      ? t('启用此账号？', 'Enable this account?')
                      : t('停用此账号？其登录状态立即失效。', 'Disable this account? Its sessions stop at once.')
                  }
                  okText={t('确认', 'Confirm')}
                  cancelText={t('取消', 'Cancel')}
                  okButtonProps={okProps('user-toggle-confirm')}
                  onConfirm={() => toggle(u)}
                >
                  <Button size="small" danger={!u.disabled} data-testid={`user-toggle-${u.id}`}>
                    {u.disabled ? t('启用', 'Enable') : t('停用', 'Disable')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {editing ? (
        <RolesModal
          user={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
