import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Input, Modal, Tag, DatePicker, type ButtonProps, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PORTAL_TZ } from './time';
import { ApiError } from '../client';
import {
  APPLICATION_STATUS,
  INSTALMENT_STATUS,
  REVIEW_STATUS,
  CALL_STATUS,
  useI18n,
  pickText,
  type Lang,
} from '../i18n';
import { fenToYuanGrouped, parseYuan } from '../money';
import type { Page } from '../api';
import { ErrorBox, errorText } from './ErrorBox';
import { useLoad } from './useLoad';

// in modules of their own: the login page and the public home show errors, times and loads without loading this
// module's date pickers and dialogs
export { ErrorBox, errorText };
export { fmtTime, PORTAL_TZ } from './time';
export { useLoad };

/** Turn "payload.costs[0].amountFen" or "payload.costs.0.amountFen" into a form name path. */
export function toNamePath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Put the API's `details` on the matching form fields. Returns the details that matched no field
 * (to be shown in a list), and the general message.
 */
export function applyServerErrors(
  form: FormInstance | null,
  e: unknown,
  lang: Lang,
  prefix: (string | number)[] = [],
): { message: string; unmatched: { path: string; message: string }[] } {
  const message = errorText(e, lang);
  const unmatched: { path: string; message: string }[] = [];
  if (!(e instanceof ApiError)) return { message, unmatched };
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const d of e.details) {
    const msg = pickText(d.message, lang);
    const name = [...prefix, ...toNamePath(d.path ?? '')];
    if (form && d.path && (form.getFieldInstance(name) !== undefined || document.getElementById(name.join('_')))) {
      const existing = fields.find((f) => JSON.stringify(f.name) === JSON.stringify(name));
      if (existing) existing.errors.push(msg);
      else fields.push({ name, errors: [msg] });
    } else unmatched.push({ path: d.path, message: msg });
  }
  if (form && fields.length) form.setFields(fields);
  return { message, unmatched };
}

/**
 * A form's onFinish that sends it: `busy` while `send` runs; a failure puts the server's details on the matching fields
 * and keeps the error for an ErrorBox unless every detail found its field.
 */
export function useFormSubmit<V>(form: FormInstance<V>, send: (values: V) => Promise<unknown>) {
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onFinish = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await send(values);
    } catch (e) {
      const { unmatched } = applyServerErrors(form, e, lang);
      if (!(e instanceof ApiError && e.details.length) || unmatched.length) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, onFinish };
}

/** A modal around one form: OK submits the form (its button carries `okTestId`), Cancel closes; the error box on top. */
export function FormModal({
  form,
  title,
  okText,
  okTestId,
  busy,
  error,
  onCancel,
  width,
  children,
}: {
  form: FormInstance;
  title: ReactNode;
  okText?: string;
  width?: number;
  okTestId: string;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText ?? t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={okProps(okTestId)}
      destroyOnHidden
    >
      <ErrorBox error={error} />
      {children}
    </Modal>
  );
}

const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  under_review: 'processing',
  reviewed: 'cyan',
  proposed: 'purple',
  awarded: 'success',
  not_awarded: 'default',
  rejected: 'error',
  withdrawn: 'default',
  revoked: 'error',
  lapsed: 'error',
  provincial_passed: 'cyan',
  forwarded: 'blue',
  not_recommended: 'default',
  pending: 'processing',
  declined: 'default',
  expired: 'warning',
  planned: 'default',
  batched: 'blue',
  approved: 'cyan',
  sending: 'processing',
  paid: 'success',
  failed: 'error',
  cancelled: 'default',
  recovering: 'warning',
  recovered: 'purple',
  open: 'success',
  upcoming: 'blue',
  closed: 'default',
  active: 'success',
};

export function StatusTag({
  status,
  kind = 'application',
}: {
  status: string;
  kind?: 'application' | 'review' | 'instalment' | 'call' | 'award';
}) {
  const { v, t } = useI18n();
  const vocab = {
    application: APPLICATION_STATUS,
    review: REVIEW_STATUS,
    instalment: INSTALMENT_STATUS,
    call: CALL_STATUS,
    award: {},
  }[kind];
  let label = v(vocab, status);
  if (kind === 'award')
    label =
      status === 'revoked'
        ? t('已撤销', 'Revoked')
        : status === 'lapsed'
          ? t('已取消资格', 'Lapsed')
          : t('有效', 'Active');
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={`status-${status}`}>
      {label}
    </Tag>
  );
}

/** Props of a modal's OK button carrying a test id (none when `testId` is undefined). */
export function okProps(testId: string | undefined, extra: ButtonProps = {}): ButtonProps {
  return testId === undefined ? extra : { ...extra, 'data-testid': testId };
}

/** Paged list state for an antd Table. */
export function usePaged<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
  deps: unknown[],
  pageSize = 20,
) {
  // the page goes back to 1 whenever the filters (deps) change: derived during render, not reset by an effect
  const depsKey = JSON.stringify(deps);
  const [paging, setPaging] = useState({ page: 1, key: depsKey });
  const page = paging.key === depsKey ? paging.page : 1;
  const setPage = (p: number) => setPaging({ page: p, key: depsKey });
  const [size, setSize] = useState(pageSize);
  const state = useLoad(() => fetchPage(page, size), [page, size, ...deps]);
  return {
    ...state,
    items: state.data?.items ?? [],
    pagination: {
      current: page,
      pageSize: size,
      total: state.data?.total ?? 0,
      showSizeChanger: true,
      onChange: (p: number, s: number) => {
        setPage(p);
        setSize(s);
      },
    },
  };
}

/** A yuan input whose form value is integer fen. Invalid text keeps the last good value and shows red. */
export function MoneyInput({
  value,
  onChange,
  id,
  testId,
  placeholder,
  disabled,
  style,
}: {
  value?: number | null;
  onChange?: (fen: number | undefined) => void;
  id?: string;
  testId?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(() => fenToYuanGrouped(value));
  const [bad, setBad] = useState(false);
  const last = useRef<number | null | undefined>(value);
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(fenToYuanGrouped(value));
      setBad(false);
    }
  }, [value]);
  return (
    <Input
      id={id}
      data-testid={testId}
      prefix="¥"
      suffix={t('元', 'yuan')}
      placeholder={placeholder ?? '0.00'}
      status={bad ? 'error' : undefined}
      value={text}
      disabled={disabled}
      style={style}
      inputMode="decimal"
      onChange={(e) => {
        const s = e.target.value;
        setText(s);
        if (s.trim() === '') {
          setBad(false);
          last.current = undefined;
          onChange?.(undefined);
          return;
        }
        const fen = parseYuan(s);
        setBad(fen === null);
        if (fen !== null) {
          last.current = fen;
          onChange?.(fen);
        }
      }}
      onBlur={() => {
        if (!bad && last.current !== undefined && last.current !== null) setText(fenToYuanGrouped(last.current));
      }}
    />
  );
}

/** A date picker whose form value is a `YYYY-MM-DD` string. */
export function DateInput({
  value,
  onChange,
  id,
  testId,
  disabled,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  id?: string;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      data-testid={testId}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      disabled={disabled}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}

/**
 * A date-time picker's value showing the instant's Beijing wall time: pickers show a value's local fields, so a
 * browser elsewhere (an officer travelling, a machine set to UTC) would otherwise show and send its own time.
 */
export function toPortalPicker(iso: string): Dayjs {
  return dayjs(dayjs(iso).tz(PORTAL_TZ).format('YYYY-MM-DDTHH:mm:ss'));
}

/** The instant a picker's wall time means in Beijing time (ISO 8601 with +08:00): the inverse of toPortalPicker. */
export function fromPortalPicker(d: Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), PORTAL_TZ).format();
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        marginBottom: 16,
        gap: 12,
        flexWrap: 'wrap',
      }}
    >
      <h2 style={{ margin: 0, fontSize: 20 }}>{children}</h2>
      {extra}
    </div>
  );
}

export function humanSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
