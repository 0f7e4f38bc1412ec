import { Card, Descriptions, Result, Spin, Tag, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { dossierApi } from '../../api/dossier';
import { useI18n } from '../../i18n';
import { useLoad } from '../../components/common';

/**
 * What the QR code of a printed 申报书 opens (public): the number, program, title and status when the check code on the
 * paper is right; the same "not found" for an invented number and a wrong code.
 */
export function VerifyApplicationPage() {
  const { number = '' } = useParams();
  const [search] = useSearchParams();
  const code = search.get('c') ?? '';
  const { t, lang } = useI18n();
  const check = useLoad(() => dossierApi.check(number, code), [number, code]);

  if (check.error)
    return (
      <Result
        status="warning"
        data-testid="verify-not-found"
        title={t('未能核验', 'Not verified')}
        subTitle={t(
          '没有找到该申报编号，或核验码不正确。请核对纸质申报书上的编号与核验码。',
          'No application with this number, or the check code is wrong. Compare them with the printed form.',
        )}
      />
    );
  if (!check.data) return <Spin />;
  const c = check.data;
  const name = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('申报书核验', 'Application check')}
      </Typography.Title>
      <Card size="small">
        <Result
          status="success"
          style={{ padding: '8px 0 16px' }}
          title={t('核验通过：该申报书由本平台出具', 'Verified: this form was issued by the portal')}
        />
        <Descriptions column={1} bordered size="small" data-testid="verify-result">
          <Descriptions.Item label={t('申报编号', 'Number')}>
            <span data-testid="verify-number">{c.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('扶持项目', 'Program')}>{name(c.programName)}</Descriptions.Item>
          <Descriptions.Item label={t('项目名称', 'Title')}>
            <span data-testid="verify-title">{c.title}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('当前状态', 'Status')}>
            <Tag data-testid="verify-status">{name(c.statusName)}</Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
