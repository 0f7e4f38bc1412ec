import { CloseCircleFilled, CloseOutlined } from '@ant-design/icons';
import { ApiError } from '../client';
import { useI18n, pickText, type Lang } from '../i18n';

/** The message of an error in the current language. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ApiError) return pickText(e.text, lang) || `HTTP ${e.status}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * An error box: the message and the details that do not belong to a field. Drawn like antd's error Alert in plain
 * markup (styles.css, `pp-alert`): the login page shows it, and antd's Alert with its motion would add ~18 KB of
 * gzip'd script to the first download (P6 in docs/benchmarks.md). `role="alert"` announces it.
 */
export function ErrorBox({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { lang } = useI18n();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className="pp-alert" data-testid="error-box">
      <CloseCircleFilled className="pp-alert-icon" aria-hidden />
      <div className="pp-alert-content">
        <div className="pp-alert-title">{errorText(error, lang)}</div>
        {details.length ? (
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {details.map((d, i) => (
              <li key={i}>
                {d.path ? <code>{d.path}</code> : null} {pickText(d.message, lang)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {onClose ? (
        <button
          type="button"
          className="pp-alert-close"
          onClick={onClose}
          aria-label={lang === 'zh' ? '关闭' : 'Close'}
          data-testid="error-box-close"
        >
          <CloseOutlined aria-hidden />
        </button>
      ) : null}
    </div>
  );
}
