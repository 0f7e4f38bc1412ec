import { useEffect, useState } from 'react';
import { Button, Card, Result, Spin } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ErrorBox } from '../components/common';

/** The page the verification mail links to: /verify-email?token=… */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [state, setState] = useState<'busy' | 'ok' | 'error'>('busy');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const token = params.get('token') ?? '';
    api.verifyEmail(token).then(
      () => setState('ok'),
      (e: unknown) => {
        setError(e);
        setState('error');
      },
    );
  }, [params]);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card style={{ width: 480 }}>
        {state === 'busy' && <Spin />}
        {state === 'ok' && (
          <Result
            status="success"
            title={t('邮箱已验证', 'E-mail verified')}
            extra={
              <Link to="/login">
                <Button type="primary" data-testid="verified-login">
                  {t('去登录', 'Log in')}
                </Button>
              </Link>
            }
          />
        )}
        {state === 'error' && <ErrorBox error={error} />}
      </Card>
    </div>
  );
}
