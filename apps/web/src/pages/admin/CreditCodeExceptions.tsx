/*
 * 信用代码例外: pilot-era unified social credit codes that fail only their check character, accepted by an admin with
 * the reason (registration then lets them through). List and add.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { adminApi, type CreditCodeException } from '../../api/admin';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, FormModal, PageTitle, useFormSubmit, usePaged } from '../../components/common';

function AddModal({ onClose }: { onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ creditCode: string; reason: string }>();
  const { busy, error, onFinish } = useFormSubmit(form, async (v) => {
    await adminApi.addCreditCodeException(v.creditCode.trim(), v.reason.trim());
    message.success(t('已添加例外', 'Exception added'));
    onClose(true);
  });
  return (
    <FormModal
      form={form}
      title={t('添加信用代码例外', 'Add a credit-code exception')}
      okTestId="exception-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="exception-form">
        <Form.Item
          name="creditCode"
          label={t('统一社会信用代码', 'Credit code')}
          rules={[{ required: true, len: 18, message: t('18 位代码', '18 characters') }]}
        >
          <Input maxLength={18} data-testid="exception-code" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('原因（核实情况）', 'Reason (what was checked)')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="exception-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function CreditCodeExceptionsPage() {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const list = usePaged((page, pageSize) => adminApi.creditCodeExceptions({ page, pageSize }), []);
  return (
    <div>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="exception-new">
            {t('添加例外', 'Add exception')}
          </Button>
        }
      >
        {t('信用代码例外', 'Credit-code exceptions')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<CreditCodeException>
        rowKey="creditCode"
        size="middle"
        data-testid="exceptions-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          {
            title: t('信用代码', 'Credit code'),
            dataIndex: 'creditCode',
            width: 200,
            render: (x: string) => <code>{x}</code>,
          },
          { title: t('原因', 'Reason'), dataIndex: 'reason' },
          {
            title: t('已注册单位', 'Registered organization'),
            dataIndex: 'organizationName',
            render: (x: string | null) => x ?? '—',
          },
          { title: t('受理人', 'Accepted by'), dataIndex: 'acceptedByName', render: (x: string | null) => x ?? '—' },
          { title: t('时间', 'Time'), dataIndex: 'createdAt', width: 160, render: fmtTime },
        ]}
      />
      {adding ? (
        <AddModal
          onClose={(saved) => {
            setAdding(false);
            if (saved) void list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
