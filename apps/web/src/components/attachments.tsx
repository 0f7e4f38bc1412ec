import { useEffect, useRef, useState } from 'react';
import { App, Button, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
  UploadOutlined,
  StopOutlined,
} from '@ant-design/icons';
import * as tus from 'tus-js-client';
import { api, type Attachment, type AttachmentKind } from '../api';
import { ApiError, downloadFile, freshAccessToken, refreshTokens, uploadMultipart } from '../client';
import { useI18n } from '../i18n';
import { usePrograms } from '../programs';
import { errorText, humanSize, okProps } from './common';

/** Files up to this size go by plain multipart; larger ones by the resumable tus protocol. */
export const MULTIPART_LIMIT = 20 * 1024 * 1024;
const TUS_CHUNK = 8 * 1024 * 1024;

interface UploadState {
  fileName: string;
  sent: number;
  total: number;
  mode: 'multipart' | 'tus';
  error?: string;
  file?: File;
}

function KindUploader({
  applicationId,
  kind,
  required,
  disabled,
  onUploaded,
}: {
  applicationId: string;
  kind: AttachmentKind;
  required: boolean;
  disabled?: boolean;
  onUploaded: () => void;
}) {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState | null>(null);
  const abortRef = useRef<(() => void) | null>(null);

  useEffect(() => () => abortRef.current?.(), []);

  const startTus = async (file: File) => {
    setState({ fileName: file.name, sent: 0, total: file.size, mode: 'tus', file });
    let refreshed = false;
    const upload = new tus.Upload(file, {
      // tus-js-client resolves the upload URL against the endpoint with `new URL`, so it must be absolute
      endpoint: new URL(api.tusEndpoint(applicationId), window.location.origin).toString(),
      metadata: { kind: kind.kind, filename: file.name, filetype: file.type },
      chunkSize: TUS_CHUNK,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req) => {
        const token = await freshAccessToken();
        if (token) req.setHeader('Authorization', `Bearer ${token}`);
      },
      onShouldRetry: (err, _attempt, _opts) => {
        const status = err.originalResponse?.getStatus() ?? 0;
        if (status === 401 && !refreshed) {
          refreshed = true;
          void refreshTokens();
          return true;
        }
        return status === 0 || status === 409 || status === 423 || status >= 500;
      },
      onProgress: (sent, total) => setState((s) => (s ? { ...s, sent, total, error: undefined } : s)),
      onError: (err) => {
        const res = (err as tus.DetailedError).originalResponse;
        let msg = err.message;
        if (res) {
          try {
            const body = JSON.parse(res.getBody());
            msg = errorText(new ApiError(res.getStatus(), body), lang);
          } catch {
            msg = `HTTP ${res.getStatus()}`;
          }
        }
        setState((s) => (s ? { ...s, error: msg } : s));
      },
      onSuccess: () => {
        abortRef.current = null;
        setState(null);
        message.success(t(`${file.name} 上传完成`, `${file.name} uploaded`));
        onUploaded();
      },
    });
    abortRef.current = () => void upload.abort();
    const previous = await upload.findPreviousUploads();
    if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  };

  const startMultipart = (file: File) => {
    setState({ fileName: file.name, sent: 0, total: file.size, mode: 'multipart', file });
    const fd = new FormData();
    fd.append('kind', kind.kind);
    fd.append('file', file, file.name);
    const job = uploadMultipart(api.attachmentsPath(applicationId), fd, (sent, total) =>
      setState((s) => (s ? { ...s, sent, total } : s)),
    );
    abortRef.current = job.abort;
    job.promise.then(
      () => {
        abortRef.current = null;
        setState(null);
        message.success(t(`${file.name} 上传完成`, `${file.name} uploaded`));
        onUploaded();
      },
      (e) => {
        abortRef.current = null;
        if (e instanceof ApiError && e.status === 413) {
          // too large for the multipart path: go resumable
          void startTus(file);
          return;
        }
        setState((s) => (s ? { ...s, error: errorText(e, lang) } : s));
      },
    );
  };

  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (kind.mimeTypes?.length && file.type && !kind.mimeTypes.includes(file.type)) {
      message.warning(t(`文件类型 ${file.type} 可能不被接受`, `File type ${file.type} may not be accepted`));
    }
    if (file.size > MULTIPART_LIMIT) void startTus(file);
    else startMultipart(file);
  };

  const pct = state && state.total ? Math.floor((state.sent * 100) / state.total) : 0;
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`upload-${kind.kind}`}>
      <Space wrap>
        <strong>
          {kind.name
            ? typeof kind.name === 'string'
              ? kind.name
              : lang === 'en'
                ? kind.name.en
                : kind.name.zh
            : catalogue.kindName(kind.kind)}
        </strong>
        {required ? <Tag color="red">{t('必传', 'Required')}</Tag> : <Tag>{t('选传', 'Optional')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {(kind.mimeTypes ?? []).map((m) => m.split('/')[1]?.toUpperCase()).join(' / ')}
        </Typography.Text>
        <input
          ref={input}
          type="file"
          style={{ display: 'none' }}
          data-testid={`upload-input-${kind.kind}`}
          accept={(kind.mimeTypes ?? []).join(',') || undefined}
          disabled={disabled}
          onChange={(e) => {
            onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Button
          size="small"
          icon={<UploadOutlined />}
          disabled={disabled || (!!state && !state.error)}
          onClick={() => input.current?.click()}
          data-testid={`upload-button-${kind.kind}`}
        >
          {t('选择文件', 'Choose file')}
        </Button>
      </Space>
      {state ? (
        <div style={{ marginTop: 6 }} data-testid={`upload-progress-${kind.kind}`}>
          <Space>
            <span>{state.fileName}</span>
            <Tag>{state.mode === 'tus' ? t('断点续传', 'resumable') : t('普通上传', 'multipart')}</Tag>
            {state.error ? (
              <>
                <Typography.Text type="danger">{state.error}</Typography.Text>
                {state.file ? (
                  <Button
                    size="small"
                    icon={<ReloadOutlined />}
                    onClick={() => (state.mode === 'tus' ? void startTus(state.file!) : startMultipart(state.file!))}
                    data-testid={`upload-retry-${kind.kind}`}
                  >
                    {state.mode === 'tus' ? t('继续上传', 'Resume') : t('重试', 'Retry')}
                  </Button>
                ) : null}
                <Button size="small" type="text" onClick={() => setState(null)}>
                  {t('关闭', 'Dismiss')}
                </Button>
              </>
            ) : (
              <Tooltip title={t('取消', 'Cancel')}>
                <Button
                  size="small"
                  type="text"
                  icon={<StopOutlined />}
                  onClick={() => {
                    abortRef.current?.();
                    abortRef.current = null;
                    setState((s) => (s ? { ...s, error: t('已暂停', 'Paused') } : s));
                  }}
                />
              </Tooltip>
            )}
          </Space>
          <Progress
            percent={pct}
            size="small"
            status={state.error ? 'exception' : 'active'}
            format={() => `${pct}% · ${humanSize(state.sent)} / ${humanSize(state.total)}`}
          />
        </div>
      ) : null}
    </div>
  );
}

/** The upload controls for every attachment kind of a program. */
export function AttachmentUploads({
  applicationId,
  kinds,
  track,
  disabled,
  onUploaded,
}: {
  applicationId: string;
  kinds: AttachmentKind[];
  track: string | null;
  disabled?: boolean;
  onUploaded: () => void;
}) {
  const sorted = [...kinds].sort((a, b) => Number(isRequired(b, track)) - Number(isRequired(a, track)));
  return (
    <div>
      {sorted.map((k) => (
        <KindUploader
          key={k.kind}
          applicationId={applicationId}
          kind={k}
          required={isRequired(k, track)}
          disabled={disabled}
          onUploaded={onUploaded}
        />
      ))}
    </div>
  );
}

export function isRequired(k: AttachmentKind, track: string | null): boolean {
  const req = k.required ?? [];
  return req.includes('*') || (track ? req.includes(track) : req.length > 0);
}

/** A file as the application (all fields) or an expert's review (no hash or upload time) shows it. */
type ListedAttachment = Pick<Attachment, 'id' | 'kind' | 'fileName' | 'size' | 'mimeType'> &
  Partial<Pick<Attachment, 'sha256' | 'createdAt'>>;

/** Uploaded files with download (and, for videos, playback through a short-lived signed link). */
export function AttachmentList({
  applicationId,
  attachments,
  video = true,
  onRemoved,
}: {
  applicationId: string;
  attachments: ListedAttachment[];
  video?: boolean;
  /** Given on the applicant's edit page: each file gets a 删除 button (asks first), then this runs. */
  onRemoved?: () => void | Promise<void>;
}) {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const [playing, setPlaying] = useState<{ id: string; url: string } | null>(null);
  const withHash = attachments.some((a) => !!a.sha256);
  const withVideo = video && attachments.some((a) => a.mimeType?.startsWith('video/'));

  const play = async (a: ListedAttachment) => {
    try {
      const { url } = await api.attachmentLink(applicationId, a.id);
      setPlaying({ id: a.id, url });
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <div>
      <Table<ListedAttachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={attachments}
        data-testid="attachment-list"
        locale={{ emptyText: t('尚未上传附件', 'No files yet') }}
        columns={[
          {
            title: t('材料类型', 'Kind'),
            dataIndex: 'kind',
            width: 170,
            render: (k: string) => catalogue.kindName(k),
          },
          {
            title: t('文件名', 'File'),
            dataIndex: 'fileName',
            ellipsis: { showTitle: false },
            render: (name: string) => (
              <Tooltip title={name} placement="topLeft">
                {name}
              </Tooltip>
            ),
          },
          { title: t('大小', 'Size'), dataIndex: 'size', width: 90, render: (n: number) => humanSize(n) },
          // the fingerprint is not given to every reader (experts of a blind call get none)
          ...(withHash
            ? [
                {
                  title: 'SHA-256',
                  dataIndex: 'sha256',
                  width: 120,
                  render: (h: string) =>
                    h ? (
                      <Tooltip title={h}>
                        <code>{h.slice(0, 10)}…</code>
                      </Tooltip>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
          {
            title: t('操作', 'Actions'),
            width: (withVideo ? 180 : 100) + (onRemoved ? 80 : 0),
            render: (_: unknown, a: ListedAttachment) => (
              <Space>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  data-testid={`download-${a.id}`}
                  onClick={() =>
                    downloadFile(api.attachmentPath(applicationId, a.id), a.fileName).catch((e) =>
                      message.error(errorText(e, lang)),
                    )
                  }
                >
                  {t('下载', 'Download')}
                </Button>
                {video && a.mimeType?.startsWith('video/') ? (
                  <Button
                    size="small"
                    icon={<PlayCircleOutlined />}
                    onClick={() => play(a)}
                    data-testid={`play-${a.id}`}
                  >
                    {t('播放', 'Play')}
                  </Button>
                ) : null}
                {onRemoved ? (
                  <Popconfirm
                    title={t(`删除“${a.fileName}”？`, `Remove "${a.fileName}"?`)}
                    okText={t('删除', 'Remove')}
                    cancelText={t('取消', 'Cancel')}
                    okButtonProps={okProps(`remove-confirm-${a.id}`, { danger: true })}
                    onConfirm={async () => {
                      try {
                        await api.removeAttachment(applicationId, a.id);
                        message.success(t('已删除', 'Removed'));
                        await onRemoved();
                      } catch (e) {
                        message.error(errorText(e, lang));
                      }
                    }}
                  >
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      data-testid={`remove-${a.id}`}
                      aria-label={t(`删除 ${a.fileName}`, `Remove ${a.fileName}`)}
                    >
                      {t('删除', 'Remove')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {playing ? (
        <div style={{ marginTop: 12 }}>
          <video
            key={playing.id}
            src={playing.url}
            controls
            preload="metadata"
            style={{ width: '100%', maxHeight: 420, background: '#000' }}
            data-testid="video-player"
          />
        </div>
      ) : null}
    </div>
  );
}
