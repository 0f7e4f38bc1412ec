import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { ApiError } from '../client';
import { ErrorBox } from '../components/ErrorBox';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A labelled field in antd's vertical form look (styles.css, `pp-field`), its message announced when it appears. */
function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  children: ReactNode;
}) {
  return (
    <div className="pp-field">
      <label htmlFor={id} className="pp-field-label">
        {label}
      </label>
      {children}
      <div className="pp-field-error" id={`${id}-error`} role="alert">
        {error}
      </div>
    </div>
  );
}

export function LoginPage() {
  const { t } = useI18n();
  const { login, me } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = params.get('next') || '/';
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);

  if (me && !busy) return <Navigate to={next} replace />;

  // the field checks antd's Form would run, without its form library in the first download (P6)
  const emailError = !EMAIL.test(email.trim()) ? t('请输入有效的邮箱', 'Enter a valid e-mail') : null;
  const passwordError = !password ? t('请输入密码', 'Enter your password') : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (emailError || passwordError) return;
    const v = { email, password };
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
        <form onSubmit={onSubmit} noValidate>
          <Field id="login-email-input" label={t('邮箱', 'E-mail')} error={checked ? emailError : null}>
            <Input
              id="login-email-input"
              prefix={<MailOutlined />}
              autoComplete="username"
              data-testid="login-email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              status={checked && emailError ? 'error' : undefined}
              aria-invalid={checked && !!emailError}
              aria-describedby={checked && emailError ? 'login-email-input-error' : undefined}
            />
          </Field>
          <Field id="login-password-input" label={t('密码', 'Password')} error={checked ? passwordError : null}>
            <Input.Password
              id="login-password-input"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              status={checked && passwordError ? 'error' : undefined}
              aria-invalid={checked && !!passwordError}
              aria-describedby={checked && passwordError ? 'login-password-input-error' : undefined}
            />
          </Field>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('登录', 'Log in')}
          </Button>
        </form>
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
