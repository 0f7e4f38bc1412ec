import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { downloadFile } from '../client';
import { dossierApi } from '../api/dossier';
import { useI18n } from '../i18n';
import { errorText } from './common';

/**
 * 下载档案 (the whole file as one PDF) and 打印申报书 (the printable form with its QR check; only once submitted).
 * The server decides whose copy it is (applicant: experts anonymised).
 */
export function DossierButtons({ applicationId, number }: { applicationId: string; number: string | null }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'dossier' | 'form' | null>(null);
  const get = async (which: 'dossier' | 'form') => {
    setBusy(which);
    try {
      if (which === 'dossier')
        await downloadFile(dossierApi.dossierPath(applicationId), `dossier-${number ?? applicationId}.pdf`);
      else await downloadFile(dossierApi.applicationFormPath(applicationId), `application-${number}.pdf`);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      <Button data-testid="dossier-download" loading={busy === 'dossier'} onClick={() => void get('dossier')}>
        {t('下载档案', 'Dossier')}
      </Button>
      {number ? (
        <Button data-testid="application-form-download" loading={busy === 'form'} onClick={() => void get('form')}>
          {t('打印申报书', 'Printable form')}
        </Button>
      ) : null}
    </Space>
  );
}
