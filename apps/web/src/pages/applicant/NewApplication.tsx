import { Button, Card, Form, Input, Radio, Spin, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { api, trackCode } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, useFormSubmit, useLoad } from '../../components/common';

export function NewApplicationPage() {
  const { callId = '' } = useParams();
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const { busy, error, setError, onFinish } = useFormSubmit(form, async (values: { title: string; track?: string }) => {
    const app = await api.createApplication(callId, {
      title: values.title.trim(),
      track: values.track || undefined,
      payload: {},
    });
    navigate(`/applications/${app.id}/edit`, { replace: true });
  });
  const data = useLoad(async () => {
    const [call, programs] = await Promise.all([api.call(callId), api.programs()]);
    return { call, program: programs.find((p) => p.code === call.programCode) ?? null };
  }, [callId]);

  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.data) return <Spin />;
  const { call, program } = data.data;
  // a call may take some of the program's tracks only (推优's quarterly call: 季度推荐)
  const tracks = (program?.tracks ?? []).map(trackCode).filter((code) => !call.tracks || call.tracks.includes(code));

  return (
    <div style={{ maxWidth: 760 }}>
      <PageTitle>{t('新建申报', 'New application')}</PageTitle>
      <Typography.Paragraph>
        <strong>{call.title}</strong> · {program ? pick(program.name) : catalogue.programName(call.programCode)}
      </Typography.Paragraph>
      <ErrorBox error={error} onClose={() => setError(null)} />
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ track: tracks.length === 1 ? tracks[0] : undefined }}
        >
          {tracks.length ? (
            <Form.Item
              name="track"
              label={t('申报类别', 'Track')}
              rules={[{ required: true, message: t('请选择申报类别', 'Choose a track') }]}
            >
              <Radio.Group>
                {tracks.map((tr) => (
                  <Radio.Button key={tr} value={tr} data-testid={`track-${tr}`}>
                    {catalogue.trackName(null, tr)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          ) : null}
          <Form.Item
            name="title"
            label={t('申报名称', 'Application title')}
            rules={[{ required: true, whitespace: true, message: t('请输入申报名称', 'Enter a title') }, { max: 200 }]}
          >
            <Input data-testid="new-app-title" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="new-app-create">
            {t('创建草稿并填写', 'Create draft and fill in')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
