/*
 * 重置密码 (issue 14): the mailed link /reset-password?token=… sets a new password (POST
 * /api/auth/password-reset/confirm). Every session of the account ends; the user logs in with the new password.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, Result } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { accountApi } from '../../api/account';
import { useI18n } from '../../i18n';
import { ErrorBox, useFormSubmit } from '../../components/common';

interface Values {
  password: string;
  confirm: string;
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [form] = Form.useForm<Values>();
  const { busy, error, onFinish } = useFormSubmit(form, async (v: Values) => {
    await accountApi.confirmPasswordReset(token, v.password);
    setDone(true);
  });
  if (done)
    return (
      <Result
        status="success"
        title={t('密码已重置', 'Password reset')}
        subTitle={t(
          '所有设备上的登录均已退出，请用新密码登录。',
          'Every session was signed out; log in with the new password.',
        )}
        extra={
          <Link to="/login" data-testid="reset-login">
            <Button type="primary">{t('去登录', 'Log in')}</Button>
          </Link>
        }
        data-testid="reset-done"
      />
    );
  if (!token)
    return (
      <Result
        status="warning"
        title={t('链接不完整', 'The link is incomplete')}
        extra={<Link to="/forgot-password">{t('重新申请重置链接', 'Ask for a new link')}</Link>}
      />
    );
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card
        style={{ width: 420 }}
        title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('设置新密码', 'Set a new password')}</h1>}
      >
        <ErrorBox error={error} />
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="password"
            label={t('新密码', 'New password')}
            extra={t(
              '至少 10 位，包含大写字母、小写字母、数字、符号中的至少两类',
              'At least 10 characters from two classes (upper, lower, digits, symbols)',
            )}
            rules={[{ required: true, min: 10, message: t('至少 10 位', 'At least 10 characters') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="reset-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('确认新密码', 'Repeat the new password')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('请再次输入新密码', 'Repeat the new password') },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  !value || value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('两次输入不一致', 'The passwords differ'))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="reset-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-submit">
            {t('重置密码', 'Reset the password')}
          </Button>
        </Form>
        {error ? (
          <div style={{ marginTop: 12 }}>
            <Link to="/forgot-password">{t('重新申请重置链接', 'Ask for a new link')}</Link>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
