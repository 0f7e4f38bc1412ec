import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, type GetProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, trackCode, type Role } from '../../api';
import { ROLE_NAMES, useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, useFormSubmit, useLoad } from '../../components/common';
import { checkCreditCode, creditCodeFaultText, normalizeCreditCode, passwordProblem } from '../../creditCode';

const ROLES: Role[] = ['applicant', 'expert', 'officer', 'finance', 'admin'];

type CreateUserBody = Parameters<typeof api.createUser>[0];

interface CreateUserValues {
  name: string;
  email: string;
  password: string;
  roles: CreateUserBody['roles'];
  /** Officers: their agency; empty = national, every program. */
  agencyId?: string;
  expert?: {
    fields?: string[];
    employerCreditCode?: string;
    regionCode?: string;
    conflicts?: ({ creditCode?: string; note?: string } | undefined)[];
  };
}

/**
 * The roles' checkboxes. Form.Item marks its control `aria-required`, which a group of checkboxes may not carry
 * (WCAG 4.1.2: the attribute is not allowed on role=group); the required mark stays visible on the label.
 */
function RoleChecks({
  'aria-required': _required,
  ...props
}: GetProps<typeof Checkbox.Group> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} />;
}

export function CreateUserPage() {
  const { t, v, pick } = useI18n();
  const catalogue = usePrograms();
  const [form] = Form.useForm<CreateUserValues>();
  const roles = (Form.useWatch('roles', form) as Role[] | undefined) ?? [];
  const [created, setCreated] = useState<string | null>(null);
  const programs = useLoad(() => api.programs(), []);
  const agencies = useLoad(() => api.agencies({ page: 1, pageSize: 100 }), []);

  const fieldOptions = (programs.data ?? []).flatMap((p) => [
    { value: p.code, label: `${pick(p.name)} (${t('全部类别', 'all tracks')})` },
    ...p.tracks.map((tr) => ({
      value: `${p.code}/${trackCode(tr)}`,
      label: `${pick(p.name)} / ${catalogue.trackName(null, trackCode(tr))}`,
    })),
  ]);

  const creditRule = {
    validator: async (_r: unknown, value: string) => {
      if (!value) return;
      const f = checkCreditCode(value);
      if (f) throw new Error(creditCodeFaultText(f, t));
    },
  };

  const { busy, error, setError, onFinish } = useFormSubmit(form, async (values: CreateUserValues) => {
    setCreated(null);
    const body: CreateUserBody = {
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      roles: values.roles,
    };
    if (values.roles.includes('officer') && values.agencyId) body.agencyId = values.agencyId;
    if (values.roles.includes('expert')) {
      body.expert = {
        fields: values.expert?.fields ?? [],
        employerCreditCode: normalizeCreditCode(values.expert?.employerCreditCode),
        regionCode: values.expert?.regionCode ?? '',
        conflicts: (values.expert?.conflicts ?? [])
          .filter((c): c is { creditCode: string; note?: string } => !!c?.creditCode)
          .map((c) => ({ creditCode: normalizeCreditCode(c.creditCode), note: c.note ?? '' })),
      };
    }
    await api.createUser(body);
    setCreated(body.email);
    form.resetFields();
  });

  return (
    <div style={{ maxWidth: 760 }}>
      <PageTitle>{t('创建用户', 'Create a user')}</PageTitle>
      {created ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="user-created"
          title={t(`已创建用户 ${created}`, `User ${created} created`)}
        />
      ) : null}
      <ErrorBox error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ roles: ['expert'] }}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="name"
            label={t('姓名', 'Name')}
            rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter a name') }]}
          >
            <Input data-testid="user-name" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('邮箱', 'E-mail')}
            rules={[{ required: true, type: 'email', message: t('请输入有效的邮箱', 'Enter a valid e-mail') }]}
          >
            <Input data-testid="user-email" maxLength={254} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('初始密码', 'Initial password')}
            required
            rules={[
              {
                validator: async (_r, val: string) => {
                  const p = passwordProblem(val ?? '', t);
                  if (p) throw new Error(p);
                },
              },
            ]}
          >
            <Input.Password data-testid="user-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="roles"
            label={t('角色', 'Roles')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('至少选择一个角色', 'Choose at least one role') },
            ]}
          >
            <RoleChecks
              data-testid="user-roles"
              options={ROLES.map((r) => ({
                value: r,
                label: <span data-testid={`user-role-${r}`}>{v(ROLE_NAMES, r)}</span>,
              }))}
            />
          </Form.Item>
          {roles.includes('officer') ? (
            <Form.Item
              name="agencyId"
              label={t('所属主管部门', 'Agency')}
              extra={t(
                '省级部门的审核人员只能看到本省单位的申报；不选即国家级、全部项目',
                "a provincial department's officer sees its province's applications only; none = national, every program",
              )}
            >
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                data-testid="user-agency"
                placeholder={t('国家级（全部省份、全部项目）', 'National (every province and program)')}
                options={(agencies.data?.items ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.code} · ${pick({ zh: a.nameZh, en: a.nameEn })}`,
                }))}
              />
            </Form.Item>
          ) : null}
        </Card>
        {roles.includes('expert') ? (
          <Card size="small" title={t('专家信息', 'Expert details')} style={{ marginBottom: 16 }}>
            <Form.Item
              name={['expert', 'fields']}
              label={t('评审领域', 'Fields')}
              rules={[
                { required: true, type: 'array', min: 1, message: t('至少选择一个领域', 'Choose at least one field') },
              ]}
            >
              <Select mode="multiple" options={fieldOptions} data-testid="expert-fields" optionFilterProp="label" />
            </Form.Item>
            <Form.Item
              name={['expert', 'employerCreditCode']}
              label={t('工作单位统一社会信用代码', "Employer's credit code")}
              normalize={(val: string) => (val ?? '').toUpperCase().replace(/\s/g, '')}
              rules={[{ required: true, message: t('请输入信用代码', 'Enter the credit code') }, creditRule]}
            >
              <Input data-testid="expert-employer" maxLength={24} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item
              name={['expert', 'regionCode']}
              label={t('所在地区代码(6 位行政区划代码)', 'Region code (6-digit GB/T 2260)')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('请输入 6 位数字', 'Enter 6 digits') }]}
            >
              <Input data-testid="expert-region" maxLength={6} style={{ width: 160 }} />
            </Form.Item>
            <Form.List name={['expert', 'conflicts']}>
              {(fields, { add, remove }) => (
                <>
                  <div style={{ marginBottom: 8 }}>{t('利益冲突单位', 'Declared conflicts')}</div>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item
                        name={[f.name, 'creditCode']}
                        normalize={(val: string) => (val ?? '').toUpperCase().replace(/\s/g, '')}
                        rules={[{ required: true, message: t('请输入信用代码', 'Enter the credit code') }, creditRule]}
                      >
                        <Input
                          placeholder={t('信用代码', 'Credit code')}
                          data-testid={`expert-conflict-code-${f.name}`}
                          style={{ width: 230, fontFamily: 'monospace' }}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'note']}>
                        <Input
                          placeholder={t('说明', 'Note')}
                          data-testid={`expert-conflict-note-${f.name}`}
                          style={{ width: 280 }}
                          maxLength={200}
                        />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ creditCode: '', note: '' })}
                    data-testid="expert-conflict-add"
                  >
                    {t('添加冲突单位', 'Add a conflict')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="user-submit">
          {t('创建', 'Create')}
        </Button>
      </Form>
    </div>
  );
}
