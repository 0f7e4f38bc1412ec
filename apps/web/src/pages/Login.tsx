import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { ApiError } from '../client';
import { ErrorBox } from '../components/ErrorBox';

export function LoginPage() {
  const { t } = useI18n();
  const { login, me } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = params.get('next') || '/';

  if (me && !busy) return <Navigate to={next} replace />;

  const onFinish = async (v: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.email.trim(), v.password);
      navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401)
        setError(new ApiError(401, { message: { zh: '邮箱或密码错误', en: 'Wrong e-mail or password' } }));
      else if (e instanceof ApiError && e.status === 429)
        setError(
          new ApiError(429, {
            message: { zh: '失败次数过多，请稍后再试', en: 'Too many failed attempts, try again later' },
          }),
        );
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      {/* a plain card (antd's Card brings its tabs and skeleton into the first download, P6) */}
      <section className="login-card" aria-labelledby="login-title">
        <h1 id="login-title" className="login-card-title">
          {t('登录', 'Log in')}
        </h1>
        <ErrorBox error={error} />
        <Form
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ email: params.get('email') ?? '' }}
          requiredMark={false}
        >
          <Form.Item
            name="email"
            label={t('邮箱', 'E-mail')}
            rules={[{ required: true, type: 'email', message: t('请输入有效的邮箱', 'Enter a valid e-mail') }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" data-testid="login-email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('登录', 'Log in')}
          </Button>
        </Form>
        <div style={{ marginTop: 8, textAlign: 'right' }}>
          <Link to="/forgot-password" data-testid="link-forgot-password">
            {t('忘记密码？', 'Forgot your password?')}
          </Link>
        </div>
        <p style={{ marginTop: 16, marginBottom: 0 }}>
          {t('还没有账号？', 'No account yet?')}{' '}
          <Link to="/register" data-testid="link-register">
            {t('注册申报单位', 'Register your company')}
          </Link>
          <span style={{ margin: '0 8px', color: '#767676' }} aria-hidden>
            |
          </span>
          <Link to="/public/awards">{t('查看公示与名单', 'Public award lists')}</Link>
        </p>
      </section>
    </div>
  );
}
