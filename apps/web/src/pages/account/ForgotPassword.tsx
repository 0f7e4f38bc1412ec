/*
 * 忘记密码 (issue 14): the visitor asks for a reset link by e-mail (POST /api/auth/password-reset). The answer is the
 * same whether or not the e-mail has an account, so the page says the same too.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { accountApi } from '../../api/account';
import { useI18n } from '../../i18n';
import { ErrorBox } from '../../components/common';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onFinish = async (v: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      await accountApi.requestPasswordReset(v.email.trim());
      setSent(v.email.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (sent)
    return (
      <Result
        status="success"
        title={t('请查收邮件', 'Check your mailbox')}
        subTitle={t(
          `如果 ${sent} 已在本平台注册，我们已向其发送重置密码链接，链接 30 分钟内有效且仅可使用一次。`,
          `If ${sent} has an account here, a reset link is on its way; it works once, within 30 minutes.`,
        )}
        extra={
          <Link to="/login">
            <Button type="primary">{t('返回登录', 'Back to log in')}</Button>
          </Link>
        }
        data-testid="forgot-sent"
      />
    );
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card
        style={{ width: 420 }}
        title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('忘记密码', 'Forgot password')}</h1>}
      >
        <Typography.Paragraph type="secondary">
          {t(
            '输入注册邮箱，我们将发送重置密码的链接。',
            'Enter your e-mail; we will send you a link to set a new password.',
          )}
        </Typography.Paragraph>
        <ErrorBox error={error} />
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('邮箱', 'E-mail')}
            rules={[{ required: true, type: 'email', message: t('请输入有效的邮箱', 'Enter a valid e-mail') }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="email" data-testid="forgot-email" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="forgot-submit">
            {t('发送重置链接', 'Send the reset link')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to="/login">{t('返回登录', 'Back to log in')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
