import { useState } from 'react';
import { Button, Card, Form, Input, Result } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ErrorBox } from '../components/common';

/** A colleague invited by a company's first user sets up their account: /accept-invitation?token=… */
export function AcceptInvitationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onFinish = async (v: { name: string; phone: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.acceptInvitation({ token: params.get('token') ?? '', ...v });
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <Result
        status="success"
        title={t('账号已创建', 'Account created')}
        extra={
          <Link to="/login">
            <Button type="primary">{t('去登录', 'Log in')}</Button>
          </Link>
        }
      />
    );
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card style={{ width: 440 }} title={t('接受邀请', 'Accept the invitation')}>
        <ErrorBox error={error} />
        <Form layout="vertical" onFinish={onFinish}>
          <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('手机', 'Phone')}
            rules={[
              {
                required: true,
                pattern: /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
                message: t('请输入有效的手机或座机号码', 'Enter a valid phone number'),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, min: 10, message: t('至少 10 位', 'At least 10 characters') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('创建账号', 'Create account')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
