import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Timeline,
} from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type RubricCriterion } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import {
  okProps,
  applyServerErrors,
  ErrorBox,
  errorText,
  fmtTime,
  PageTitle,
  StatusTag,
  useLoad,
} from '../../components/common';
import { PayloadView } from '../../components/appview';
import { AttachmentList } from '../../components/attachments';

/** A review's score: Σ weight × score / max (0–100). */
export function reviewScore(rubric: RubricCriterion[], scores: Record<string, number | undefined>): number | null {
  if (!rubric.length || rubric.some((c) => scores[c.key] === undefined || scores[c.key] === null)) return null;
  return Math.round(rubric.reduce((s, c) => s + (c.weight * (scores[c.key] as number)) / c.max, 0) * 100) / 100;
}

export function ReviewScorePage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const catalogue = usePrograms();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [declineForm] = Form.useForm();
  const [busy, setBusy] = useState<'' | 'save' | 'submit' | 'decline'>('');
  const [error, setError] = useState<unknown>(null);
  const [declining, setDeclining] = useState(false);

  const data = useLoad(async () => {
    const review = await api.review(id);
    let rubric = review.call?.rubric ?? [];
    const callId = review.callId;
    if (!rubric.length && callId) {
      const call = await api.call(callId).catch(() => null);
      rubric = call?.rubric ?? [];
      if (!rubric.length && call)
        rubric = (await api.programs()).find((p) => p.code === call.programCode)?.rubric ?? [];
    }
    // the expert's own saved drafts (officers get a 403 here: they do not need them)
    const versions = review.expert ? [] : await api.reviewVersions(id).catch(() => []);
    return { review, rubric, versions };
  }, [id]);

  // the form takes the stored scores when a review is shown (or its status changes), not on every reload: a reload
  // after "save draft" answering while the expert types on would otherwise put the saved draft back over their input
  const shownFor = useRef('');
  useEffect(() => {
    if (!data.data) return;
    const key = `${data.data.review.id}|${data.data.review.status}`;
    if (shownFor.current === key) return;
    shownFor.current = key;
    form.setFieldsValue({ scores: data.data.review.scores ?? {}, comment: data.data.review.comment ?? '' });
  }, [data.data, form]);

  const scores = Form.useWatch('scores', form) ?? {};
  const rubric = useMemo(() => data.data?.rubric ?? [], [data.data]);
  const total = reviewScore(rubric, scores);

  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.data) return <Spin />;
  const { review, versions } = data.data;
  const app = review.application;
  // `expert` is only given to officers reading someone else's review: they may not score it
  const editable = review.status === 'pending' && !review.expert;

  const save = async (): Promise<boolean> => {
    const values = form.getFieldsValue(true);
    const body = {
      scores: Object.fromEntries(
        Object.entries(values.scores ?? {}).filter(([, x]) => x !== undefined && x !== null),
      ) as Record<string, number>,
      comment: values.comment ?? '',
    };
    try {
      await api.saveReview(id, body);
      return true;
    } catch (e) {
      applyServerErrors(form, e, lang);
      setError(e);
      return false;
    }
  };

  const onSave = async () => {
    setBusy('save');
    setError(null);
    if (await save()) {
      message.success(t('草稿已保存', 'Draft saved'));
      void data.reload();
    }
    setBusy('');
  };

  const onSubmit = async () => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    modal.confirm({
      title: t('确认提交评审？', 'Submit the review?'),
      content: t('提交后不能再修改。', 'It cannot be changed afterwards.'),
      okText: t('提交', 'Submit'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: okProps('review-submit-confirm'),
      onOk: async () => {
        setBusy('submit');
        try {
          if (!(await save())) return;
          await api.submitReview(id);
          message.success(t('评审已提交', 'Review submitted'));
          void data.reload();
        } catch (e) {
          applyServerErrors(form, e, lang);
          setError(e);
        } finally {
          setBusy('');
        }
      },
    });
  };

  const onDecline = async (values: { reason: 'conflict' | 'unavailable'; detail: string }) => {
    setBusy('decline');
    try {
      await api.declineReview(id, { reason: values.reason, detail: values.detail.trim() });
      message.success(t('已谢绝此评审任务', 'Review declined'));
      setDeclining(false);
      navigate('/reviews');
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy('');
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          editable ? (
            <Button danger onClick={() => setDeclining(true)} data-testid="review-decline">
              {t('回避/谢绝', 'Decline')}
            </Button>
          ) : null
        }
      >
        <Space wrap>
          {app?.title ?? t('评审', 'Review')}
          {app?.number ? <Tag color="blue">{app.number}</Tag> : null}
          {app?.track ? <Tag>{catalogue.trackName(null, app.track)}</Tag> : null}
          <StatusTag status={review.status} kind="review" />
          <span style={{ fontSize: 13, color: '#595959' }}>
            {t('截止', 'Due')} {fmtTime(review.dueAt)}
          </span>
        </Space>
      </PageTitle>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('申报材料', 'Application')} style={{ marginBottom: 16 }}>
            {app ? <PayloadView payload={app.payload} /> : null}
          </Card>
          {app ? (
            <Card size="small" title={t('附件与样片', 'Files and samples')} style={{ marginBottom: 16 }}>
              <AttachmentList applicationId={app.id} attachments={app.attachments ?? []} />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('评分', 'Scoring')}
            style={{ position: 'sticky', top: 16 }}
            extra={
              <Statistic
                value={total ?? '—'}
                suffix="/ 100"
                styles={{ content: { fontSize: 20 } }}
                data-testid="review-total"
              />
            }
          >
            <ErrorBox error={error} onClose={() => setError(null)} />
            {review.status === 'submitted' ? (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('已提交，只读', 'Submitted; read-only')}
              />
            ) : null}
            <Form form={form} layout="vertical" disabled={!editable}>
              {rubric.map((c) => (
                <Form.Item
                  key={c.key}
                  name={['scores', c.key]}
                  label={
                    <span>
                      {pick(c.name)} <Tag>{t(`权重 ${c.weight}`, `weight ${c.weight}`)}</Tag>
                      <span style={{ color: '#595959' }}>0–{c.max}</span>
                    </span>
                  }
                  rules={[
                    { required: true, message: t('请打分', 'Give a score') },
                    {
                      type: 'number',
                      min: 0,
                      max: c.max,
                      message: t(`分数须在 0–${c.max}`, `Score must be 0–${c.max}`),
                    },
                  ]}
                >
                  <InputNumber
                    min={0}
                    max={c.max}
                    step={1}
                    style={{ width: 160 }}
                    data-testid={`review-score-${c.key}`}
                  />
                </Form.Item>
              ))}
              <Form.Item
                name="comment"
                label={t('评审意见', 'Written opinion')}
                rules={[{ required: true, whitespace: true, message: t('请填写评审意见', 'Write your opinion') }]}
              >
                <Input.TextArea rows={6} maxLength={5000} showCount data-testid="review-comment" />
              </Form.Item>
            </Form>
            {editable ? (
              <Space>
                <Button onClick={onSave} loading={busy === 'save'} data-testid="review-save">
                  {t('保存草稿', 'Save draft')}
                </Button>
                <Button type="primary" onClick={onSubmit} loading={busy === 'submit'} data-testid="review-submit">
                  {t('提交评审', 'Submit review')}
                </Button>
              </Space>
            ) : null}
            {versions.length ? (
              <div style={{ marginTop: 16 }}>
                <div style={{ fontWeight: 500, marginBottom: 8 }}>{t('历史版本', 'Earlier versions')}</div>
                <Timeline
                  items={versions.map((ver, i) => ({
                    key: ver.n ?? i,
                    title: fmtTime(ver.savedAt),
                    content: (
                      <div style={{ fontSize: 12 }}>
                        {rubric
                          .filter((c) => ver.scores?.[c.key] !== undefined)
                          .map((c) => `${pick(c.name)} ${ver.scores[c.key]}`)
                          .join('，')}
                        {ver.comment ? <div style={{ color: '#595959' }}>{ver.comment}</div> : null}
                      </div>
                    ),
                  }))}
                />
              </div>
            ) : null}
          </Card>
        </Col>
      </Row>
      <Modal
        open={declining}
        title={t('回避或谢绝评审', 'Decline this review')}
        onCancel={() => setDeclining(false)}
        onOk={() => declineForm.submit()}
        okText={t('确认', 'Confirm')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy === 'decline'}
        okButtonProps={okProps('decline-confirm')}
        destroyOnHidden
      >
        <Form form={declineForm} layout="vertical" onFinish={onDecline} initialValues={{ reason: 'conflict' }}>
          <Form.Item name="reason" label={t('原因', 'Reason')}>
            <Radio.Group>
              <Radio value="conflict" data-testid="decline-conflict">
                {t('存在利益冲突(回避)', 'Conflict of interest')}
              </Radio>
              <Radio value="unavailable" data-testid="decline-unavailable">
                {t('无法按时完成', 'Unavailable')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="detail"
            label={t('说明', 'Details')}
            rules={[{ required: true, whitespace: true, message: t('请填写说明', 'Explain briefly') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="decline-detail" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
