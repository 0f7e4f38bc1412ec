import { Alert } from 'antd';
import { ApiError } from '../client';
import { useI18n, pickText, type Lang } from '../i18n';

/** The message of an error in the current language. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ApiError) return pickText(e.text, lang) || `HTTP ${e.status}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** An error box: the message and the details that do not belong to a field. */
export function ErrorBox({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { lang } = useI18n();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-box"
      style={{ marginBottom: 16 }}
      title={errorText(error, lang)}
      closable={onClose ? { onClose } : undefined}
      description={
        details.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {details.map((d, i) => (
              <li key={i}>
                {d.path ? <code>{d.path}</code> : null} {pickText(d.message, lang)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
