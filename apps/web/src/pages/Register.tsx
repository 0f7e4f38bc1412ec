import { useState } from 'react';
import { Button, Card, Col, Form, Input, Result, Row, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { ApiError } from '../client';
import { BUSINESS_TYPES, useI18n } from '../i18n';
import { checkCreditCode, creditCodeFaultText, normalizeCreditCode, passwordProblem } from '../creditCode';
import { applyServerErrors, ErrorBox } from '../components/common';

export const BUSINESS_TYPE_CODES = Object.keys(BUSINESS_TYPES);

/** Shows the parts of a well-formed credit code, so people see what they typed. */
export function CreditCodeParts({ code }: { code: string }) {
  const { t } = useI18n();
  const c = normalizeCreditCode(code);
  if (checkCreditCode(c)) return null;
  const parts: [string, string, string][] = [
    [c.slice(0, 1), '登记管理部门', 'Registering authority'],
    [c.slice(1, 2), '机构类别', 'Category'],
    [c.slice(2, 8), '行政区划', 'Region'],
    [c.slice(8, 17), '主体标识码', 'Organisation code'],
    [c.slice(17), '校验码', 'Check'],
  ];
  return (
    <span data-testid="credit-code-ok" style={{ color: '#237804' }}>
      ✓ {parts.map(([v, zh, en]) => `${t(zh, en)} ${v}`).join(' · ')}
    </span>
  );
}

type RegisterBody = Parameters<typeof api.register>[0];

export function RegisterPage() {
  const { t, v, lang } = useI18n();
  const [form] = Form.useForm<RegisterBody>();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const creditCode = Form.useWatch(['organization', 'creditCode'], form) as string | undefined;

  const onFinish = async (values: RegisterBody) => {
    setBusy(true);
    setError(null);
    try {
      const body: RegisterBody = {
        organization: {
          name: values.organization.name.trim(),
          creditCode: normalizeCreditCode(values.organization.creditCode),
          address: values.organization.address.trim(),
          legalRepresentative: values.organization.legalRepresentative.trim(),
          businessTypes: values.organization.businessTypes,
        },
        user: {
          name: values.user.name.trim(),
          email: values.user.email.trim(),
          phone: values.user.phone.trim(),
          password: values.user.password,
        },
      };
      await api.register(body);
      setDone(body.user.email);
    } catch (e) {
      const { unmatched } = applyServerErrors(form, e, lang);
      if (!(e instanceof ApiError && e.details.length) || unmatched.length) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Result
        status="success"
        data-testid="register-success"
        title={t('注册成功', 'Registration complete')}
        subTitle={t(
          '验证邮件已发送到您的邮箱。现在可以登录。',
          'A verification e-mail is on its way. You can log in now.',
        )}
        extra={
          <Button
            type="primary"
            data-testid="go-login"
            onClick={() => navigate(`/login?email=${encodeURIComponent(done)}`)}
          >
            {t('去登录', 'Log in')}
          </Button>
        }
      />
    );

  const required = (zh: string, en: string) => ({ required: true, whitespace: true, message: t(zh, en) });

  return (
    <div style={{ maxWidth: 980, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('申报单位注册', 'Register your company')}
      </Typography.Title>
      <ErrorBox error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={onFinish} scrollToFirstError data-testid="register-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Card title={t('单位信息', 'Organization')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item
                name={['organization', 'name']}
                label={t('单位名称', 'Organization name')}
                rules={[required('请输入单位名称', 'Enter the organization name'), { max: 200 }]}
              >
                <Input data-testid="reg-org-name" maxLength={200} />
              </Form.Item>
              <Form.Item
                name={['organization', 'creditCode']}
                label={t('统一社会信用代码', 'Unified social credit code')}
                required
                hasFeedback
                validateTrigger={['onChange', 'onBlur']}
                normalize={(val: string) => (val ?? '').toUpperCase().replace(/\s/g, '')}
                extra={
                  creditCode ? (
                    <CreditCodeParts code={creditCode} />
                  ) : (
                    t('18 位，例如 91350100M000100Y43', '18 characters, e.g. 91350100M000100Y43')
                  )
                }
                rules={[
                  {
                    validator: async (_r, value: string) => {
                      const fault = checkCreditCode(value);
                      if (fault) throw new Error(creditCodeFaultText(fault, t));
                    },
                  },
                ]}
              >
                <Input
                  data-testid="reg-credit-code"
                  maxLength={24}
                  style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                />
              </Form.Item>
              <Form.Item
                name={['organization', 'address']}
                label={t('注册地址', 'Registered address')}
                rules={[required('请输入地址', 'Enter the address'), { max: 300 }]}
              >
                <Input data-testid="reg-address" maxLength={300} />
              </Form.Item>
              <Form.Item
                name={['organization', 'legalRepresentative']}
                label={t('法定代表人', 'Legal representative')}
                rules={[required('请输入法定代表人', 'Enter the legal representative'), { max: 100 }]}
              >
                <Input data-testid="reg-legal-rep" maxLength={100} />
              </Form.Item>
              <Form.Item
                name={['organization', 'businessTypes']}
                label={t('经营范围(可多选)', 'Business types (several allowed)')}
                rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一项', 'Choose at least one') }]}
              >
                <Select
                  mode="multiple"
                  data-testid="reg-business-types"
                  options={BUSINESS_TYPE_CODES.map((c) => ({ value: c, label: v(BUSINESS_TYPES, c) }))}
                  optionFilterProp="label"
                  placeholder={t('请选择', 'Select')}
                />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('联系人账号', 'Your account')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item
                name={['user', 'name']}
                label={t('姓名', 'Name')}
                rules={[required('请输入姓名', 'Enter your name'), { max: 100 }]}
              >
                <Input data-testid="reg-user-name" maxLength={100} />
              </Form.Item>
              <Form.Item
                name={['user', 'email']}
                label={t('邮箱', 'E-mail')}
                rules={[
                  { required: true, type: 'email', message: t('请输入有效的邮箱', 'Enter a valid e-mail') },
                  { max: 254 },
                ]}
              >
                <Input data-testid="reg-email" autoComplete="email" maxLength={254} />
              </Form.Item>
              <Form.Item
                name={['user', 'phone']}
                label={t('手机号码', 'Phone')}
                rules={[
                  { required: true, message: t('请输入电话号码', 'Enter a phone number') },
                  {
                    pattern: /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
                    message: t('请输入有效的手机或座机号码', 'Enter a valid mobile or landline number'),
                  },
                ]}
              >
                <Input data-testid="reg-phone" autoComplete="tel" maxLength={20} />
              </Form.Item>
              <Form.Item
                name={['user', 'password']}
                label={t('密码', 'Password')}
                required
                extra={t('至少 10 个字符，包含至少两类字符', 'At least 10 characters of two or more kinds')}
                validateTrigger={['onChange', 'onBlur']}
                rules={[
                  {
                    validator: async (_r, value: string) => {
                      const p = passwordProblem(value ?? '', t);
                      if (p) throw new Error(p);
                    },
                  },
                ]}
              >
                <Input.Password data-testid="reg-password" autoComplete="new-password" maxLength={128} />
              </Form.Item>
              <Form.Item
                name="password2"
                label={t('确认密码', 'Repeat password')}
                dependencies={[['user', 'password']]}
                rules={[
                  { required: true, message: t('请再次输入密码', 'Repeat the password') },
                  ({ getFieldValue }) => ({
                    validator: async (_r, value) => {
                      if (value && value !== getFieldValue(['user', 'password']))
                        throw new Error(t('两次输入的密码不一致', 'The passwords differ'));
                    },
                  }),
                ]}
              >
                <Input.Password data-testid="reg-password2" autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="reg-submit">
          {t('提交注册', 'Register')}
        </Button>
      </Form>
    </div>
  );
}
