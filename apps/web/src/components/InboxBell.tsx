import { Badge } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { INBOX_CHANGED, inboxApi } from '../api/inbox';
import { useI18n } from '../i18n';

const POLL_MS = 60_000;

/**
 * The header's bell: the unread count of the user's inbox, read on navigation, every 60 s while the tab is visible,
 * and when the inbox page changes the read state. One small GET (answered from a partial index).
 */
export function InboxBell() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);

  const load = useCallback(() => {
    inboxApi.unreadCount().then(
      (r) => setCount(r.unread),
      () => undefined, // the badge is a hint: a failed read keeps the last count
    );
  }, []);

  useEffect(load, [load, pathname]);
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') load();
    };
    const timer = window.setInterval(tick, POLL_MS);
    window.addEventListener(INBOX_CHANGED, load);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED, load);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [load]);

  const label =
    count > 0 ? t(`站内消息，${count} 条未读`, `Inbox, ${count} unread`) : t('站内消息，无未读', 'Inbox, none unread');
  return (
    <Link
      to="/inbox"
      aria-label={label}
      title={label}
      data-testid="inbox-bell"
      data-unread={count}
      style={{ display: 'inline-flex', alignItems: 'center', padding: '0 8px', lineHeight: 1 }}
    >
      <Badge count={count} size="small" overflowCount={99} data-testid="inbox-badge">
        <BellOutlined aria-hidden style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Link>
  );
}
