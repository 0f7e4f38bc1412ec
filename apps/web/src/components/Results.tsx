import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';

// a chunk of their own: antd's Result carries its illustrations, which the first download (P6) does without

/** A page of a role the user does not have. */
export function ForbiddenResult() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('您的角色无权访问此页面', 'Your roles do not allow this page')}
      extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Back home')}</Button>}
    />
  );
}

/** An address no route matches. */
export function NotFoundResult() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('页面不存在', 'Page not found')}
      extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Back home')}</Button>}
    />
  );
}
