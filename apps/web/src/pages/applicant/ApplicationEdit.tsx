import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import {
  CheckOutlined,
  CloudSyncOutlined,
  ExclamationCircleOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type Application, type Call, type Eligibility, type HistoryEntry, type Program } from '../../api';
import { ApiError } from '../../client';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { okProps, applyServerErrors, ErrorBox, errorText, PageTitle, StatusTag } from '../../components/common';
import { ProgramFields, ruleAnchor } from './programForms';
import { AttachmentList, AttachmentUploads } from '../../components/attachments';
import { EligibilityList } from '../../components/appview';
import dayjs from 'dayjs';

/** Drop empty values so a draft sends only what was filled in. */
export function cleanPayload(v: unknown): unknown {
  if (Array.isArray(v))
    return v
      .map(cleanPayload)
      .filter(
        (x) => x !== undefined && !(typeof x === 'object' && x && !Array.isArray(x) && Object.keys(x).length === 0),
      );
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = cleanPayload(x);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return undefined;
  return v;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

export function ApplicationEditPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [app, setApp] = useState<Application | null>(null);
  const [call, setCall] = useState<Call | null>(null);
  const [program, setProgram] = useState<Program | null>(null);
  const [eligibility, setEligibility] = useState<Eligibility | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);

  const version = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(false);
  const conflict = useRef(false);

  const loadEligibility = useCallback(async () => {
    try {
      setEligibility(await api.eligibility(id));
    } catch {
      /* the report is advisory here */
    }
  }, [id]);

  /** The application, its call, the programs and its history, fetched together. */
  const fetchAll = useCallback(async () => {
    const a = await api.application(id);
    const [c, programs, h] = await Promise.all([
      api.call(a.callId),
      api.programs(),
      api.history(id).catch(() => [] as HistoryEntry[]),
    ]);
    return { a, c, programs, h };
  }, [id]);

  /** Puts a fetched application on the page (state is set only when the answer is here). */
  const show = useCallback(
    ({ a, c, programs, h }: Awaited<ReturnType<typeof fetchAll>>) => {
      version.current = a.version;
      conflict.current = false;
      dirty.current = false;
      setApp(a);
      setCall(c);
      setHistory(h);
      setProgram(programs.find((p) => p.code === (a.programCode ?? c.programCode)) ?? null);
      form.resetFields();
      form.setFieldsValue({ title: a.title, payload: a.payload ?? {} });
      setSave({ kind: 'idle' });
      setLoadError(null);
      void loadEligibility();
    },
    [form, loadEligibility],
  );

  const load = useCallback(async () => {
    try {
      show(await fetchAll());
    } catch (e) {
      setLoadError(e);
    }
  }, [fetchAll, show]);

  useEffect(() => {
    let live = true;
    fetchAll().then(
      (r) => live && show(r),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [fetchAll, show]);

  const editable = app ? app.status === 'draft' || app.status === 'returned' : false;

  /** Save now; resolves true when the server has the latest values. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    for (;;) {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      if (inflight.current) await inflight.current;
      if (!dirty.current || conflict.current) return !conflict.current; // nothing (more) to save
      dirty.current = false;
      const values = form.getFieldsValue(true);
      const body = {
        title: (values.title ?? '').trim() || undefined,
        payload: cleanPayload(values.payload ?? {}) ?? {},
        version: version.current,
      };
      setSave({ kind: 'saving' });
      const p = (async () => {
        try {
          const res = await api.saveApplication(id, body);
          version.current = res?.version ?? version.current + 1;
          if (res?.attachments) setApp((a) => (a ? { ...a, ...res } : res));
          setSave(dirty.current ? { kind: 'dirty' } : { kind: 'saved', at: new Date() });
          void loadEligibility();
          return true;
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) {
            conflict.current = true;
            setSave({ kind: 'conflict' });
          } else {
            dirty.current = true;
            applyServerErrors(form, e, lang);
            setSave({ kind: 'error', message: errorText(e, lang) });
          }
          return false;
        } finally {
          inflight.current = null;
        }
      })();
      inflight.current = p;
      const ok = await p;
      if (!ok || !dirty.current) return ok;
      // edited while saving: save again
    }
  }, [form, id, lang, loadEligibility]);

  const onValuesChange = () => {
    if (!editable || conflict.current) return;
    dirty.current = true;
    setSave({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), 1000);
  };

  const onSubmit = async () => {
    setSubmitError(null);
    setSubmitting(true);
    try {
      const ok = await saveNow();
      if (!ok) {
        setSubmitting(false);
        return;
      }
      const res = await api.submit(id);
      setSubmitted(res.number);
    } catch (e) {
      applyServerErrors(form, e, lang);
      setSubmitError(e);
      void loadEligibility();
    } finally {
      setSubmitting(false);
    }
  };

  const reloadAttachments = async () => {
    try {
      const a = await api.application(id);
      setApp((cur) => (cur ? { ...cur, attachments: a.attachments, version: a.version } : a));
      version.current = Math.max(version.current, a.version);
      void loadEligibility();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const scrollToRule = (rule: string) => {
    const f = ruleAnchor(program ?? undefined, app?.track ?? null, rule);
    if (f) form.scrollToField(['payload', ...f.split('.')], { behavior: 'smooth', block: 'center' });
    else if (rule === 'common.required-attachments')
      document.getElementById('attachments')?.scrollIntoView({ behavior: 'smooth' });
  };

  if (loadError) return <ErrorBox error={loadError} />;
  if (!app || !call) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  if (submitted)
    return (
      <Result
        status="success"
        title={t('申报已提交', 'Application submitted')}
        subTitle={
          <span>
            {t('申报编号', 'Number')}: <strong data-testid="submitted-number">{submitted}</strong>
            <br />
            {t('回执已发送至您的邮箱。', 'A receipt has been mailed to you.')}
          </span>
        }
        extra={
          <Button type="primary" onClick={() => navigate(`/applications/${id}`)} data-testid="go-application">
            {t('查看申报', 'View the application')}
          </Button>
        }
      />
    );

  const lastReturn = [...history].reverse().find((h) => h.to === 'returned');
  const saveIndicator = (() => {
    switch (save.kind) {
      case 'saving':
        return (
          <Tag icon={<CloudSyncOutlined spin />} color="processing">
            {t('保存中…', 'Saving…')}
          </Tag>
        );
      case 'saved':
        return (
          <Tag icon={<CheckOutlined />} color="success">
            {t('已保存', 'Saved')} {dayjs(save.at).format('HH:mm:ss')}
          </Tag>
        );
      case 'dirty':
        return <Tag>{t('有未保存的修改', 'Unsaved changes')}</Tag>;
      case 'conflict':
        return (
          <Tag icon={<ExclamationCircleOutlined />} color="error">
            {t('版本冲突', 'Version conflict')}
          </Tag>
        );
      case 'error':
        return <Tag color="error">{t('保存失败', 'Not saved')}</Tag>;
      default:
        return null;
    }
  })();

  return (
    <div>
      <PageTitle
        extra={
          <Space>
            <span data-testid="autosave-status" data-state={save.kind}>
              {saveIndicator}
            </span>
            <Button
              icon={<SaveOutlined />}
              disabled={!editable}
              onClick={() => {
                dirty.current = true;
                void saveNow();
              }}
              data-testid="app-save"
            >
              {t('保存', 'Save')}
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={!editable}
              loading={submitting}
              data-testid="app-submit"
              onClick={() =>
                modal.confirm({
                  title: t('确认提交申报？', 'Submit the application?'),
                  content: t(
                    '提交后不能再修改，除非被退回补正。',
                    'After submitting you cannot edit it unless it is returned for correction.',
                  ),
                  okText: t('提交', 'Submit'),
                  cancelText: t('取消', 'Cancel'),
                  okButtonProps: okProps('app-submit-confirm'),
                  onOk: onSubmit,
                })
              }
            >
              {app.status === 'returned' ? t('重新提交', 'Resubmit') : t('提交申报', 'Submit')}
            </Button>
          </Space>
        }
      >
        <Space wrap>
          <span>{catalogue.programName(call.programCode)}</span>
          {app.track ? <Tag>{catalogue.trackName(null, app.track)}</Tag> : null}
          <StatusTag status={app.status} />
          {app.number ? <Tag color="blue">{app.number}</Tag> : null}
        </Space>
      </PageTitle>

      {app.status === 'returned' && lastReturn?.comment ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="return-comment"
          title={t('退回补正意见', 'Returned for correction')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{lastReturn.comment}</span>}
        />
      ) : null}
      {save.kind === 'conflict' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="conflict-alert"
          title={t(
            '此申报已在其他地方被修改，您的修改未保存。',
            'This application was changed elsewhere; your changes were not saved.',
          )}
          action={
            <Button size="small" onClick={() => void load()} data-testid="conflict-reload">
              {t('重新加载', 'Reload')}
            </Button>
          }
        />
      ) : null}
      {save.kind === 'error' ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={save.message} /> : null}
      {!editable ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('当前状态下申报不可修改。', 'The application cannot be edited in its current status.')}
        />
      ) : null}
      <ErrorBox error={submitError} onClose={() => setSubmitError(null)} />

      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Form
            form={form}
            layout="vertical"
            disabled={!editable}
            onValuesChange={onValuesChange}
            data-testid="application-form"
          >
            <Card size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="title" label={t('申报名称', 'Application title')} required>
                <Input data-testid="app-title" maxLength={200} />
              </Form.Item>
            </Card>
            {program ? (
              <ProgramFields program={program} track={app.track} eligibility={eligibility} call={call} />
            ) : (
              <Spin />
            )}
          </Form>
          <Card size="small" title={t('附件材料', 'Attachments')} id="attachments" style={{ marginBottom: 16 }}>
            {program ? (
              <AttachmentUploads
                applicationId={id}
                kinds={program.attachmentKinds ?? []}
                track={app.track}
                disabled={!editable}
                onUploaded={reloadAttachments}
              />
            ) : null}
            <div style={{ marginTop: 12 }}>
              <AttachmentList applicationId={id} attachments={app.attachments ?? []} onRemoved={reloadAttachments} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t('资格条件自查', 'Eligibility')}
            style={{ position: 'sticky', top: 16 }}
            extra={
              <Button size="small" type="link" onClick={loadEligibility}>
                {t('刷新', 'Refresh')}
              </Button>
            }
          >
            {eligibility ? (
              <EligibilityList eligibility={eligibility} onPick={scrollToRule} />
            ) : (
              <Typography.Text type="secondary">{t('加载中…', 'Loading…')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
