/*
 * 申报单位与所在省份 (issue 12): an administrator finds an organization by a part of its name or credit code
 * (GET /api/organizations?q=), sees the province its credit code names (positions 3–4) and the one it applies in, with
 * the history of corrections (`provinceChanges` of GET /api/organizations/:id), and corrects the province with a
 * recorded reason (POST /api/organizations/:id/province) — a pilot-era code, a company that moved.
 */
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, Form, Input, Select, Table, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api, type OrganizationItem } from '../../api';
import { useI18n } from '../../i18n';
import { PROVINCE_CODES, provinceLabel } from '../../provinces';
import { ErrorBox, fmtTime, PageTitle, useFormSubmit, useLoad, usePaged } from '../../components/common';

interface CorrectionValues {
  provinceCode: string;
  reason: string;
}

/** The province the credit code names (positions 3–4 of the 统一社会信用代码, the region code's first two digits). */
function codeProvince(o: { regionCode: string }): string {
  return o.regionCode.slice(0, 2);
}

/** One organization: its provinces, the corrections so far (oldest first) and the form for a new one. */
function OrganizationDrawer({ id, onClose }: { id: string; onClose: (changed: boolean) => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const detail = useLoad(() => api.organization(id), [id]);
  const [changed, setChanged] = useState(false);
  const [form] = Form.useForm<CorrectionValues>();
  const o = detail.data;
  const { busy, error, onFinish } = useFormSubmit(form, async (values: CorrectionValues) => {
    detail.setData(await api.correctProvince(id, { provinceCode: values.provinceCode, reason: values.reason.trim() }));
    form.resetFields();
    setChanged(true);
    message.success(t('已更正所在省份', 'Province corrected'));
  });
  const fromCode = o ? codeProvince(o) : '';

  return (
    <Drawer
      open
      width={640}
      title={o ? o.name : t('申报单位', 'Organization')}
      onClose={() => onClose(changed)}
      data-testid="organization-drawer"
    >
      <ErrorBox error={detail.error} />
      {o ? (
        <>
          <Descriptions column={1} size="small" bordered data-testid="organization-detail">
            <Descriptions.Item label={t('统一社会信用代码', 'Credit code')}>{o.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('注册地址', 'Address')}>{o.address}</Descriptions.Item>
            <Descriptions.Item label={t('信用代码所示省份', 'Province in the credit code')}>
              {provinceLabel(fromCode, lang)}（{fromCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('申报所在省份', 'Applies in')}>
              <span data-testid="organization-province">
                {pick(o.province)}（{o.province.code}）
              </span>
              {o.provinceCode !== fromCode ? (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {t('已更正', 'corrected')}
                </Tag>
              ) : null}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('更正记录', 'Corrections')}
          </Typography.Title>
          {o.provinceChanges.length ? (
            <Timeline
              data-testid="province-history"
              items={o.provinceChanges.map((c) => ({
                key: c.id,
                children: (
                  <div data-testid="province-history-line">
                    <div>
                      {`${fmtTime(c.changedAt)} · ${pick(c.from)} → ${pick(c.to)}`}
                      {c.changedByName ? ` · ${c.changedByName}` : ''}
                    </div>
                    <Typography.Text type="secondary">{c.reason}</Typography.Text>
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('未更正过，所在省份即信用代码所示省份', 'Never corrected: the credit code’s province')}
            />
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('更正所在省份', 'Correct the province')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t(
              '信用代码所示省份有误时（试点期代码、企业迁址）更正；此后的申报由新省份的主管部门受理，更正理由记入单位档案和审计记录。',
              'When the credit code names the wrong province (a pilot-era code, a company that moved): its applications ' +
                "then go to the new province's office; the reason is kept with the organization and in the audit chain.",
            )}
          </Typography.Paragraph>
          <ErrorBox error={error} />
          <Form form={form} layout="vertical" onFinish={onFinish} data-testid="province-form">
            <Form.Item
              name="provinceCode"
              label={t('更正为', 'New province')}
              rules={[{ required: true, message: t('请选择省份', 'Choose the province') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="province-select"
                options={PROVINCE_CODES.filter(([code]) => code !== o.provinceCode).map(([code, zh, en]) => ({
                  value: code,
                  label: `${code} ${lang === 'en' ? en : zh}`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('更正理由', 'Reason')}
              rules={[
                { required: true, whitespace: true, message: t('请填写更正理由', 'Give the reason') },
                { max: 1000, message: t('理由不能超过 1000 字', 'At most 1,000 characters') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="province-reason" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="province-save">
              {t('更正', 'Correct')}
            </Button>
          </Form>
        </>
      ) : null}
    </Drawer>
  );
}

export function OrganizationsPage() {
  const { t, lang, pick } = useI18n();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = usePaged((page, pageSize) => api.organizations({ page, pageSize, q }), [q]);
  return (
    <div>
      <PageTitle>{t('申报单位', 'Organizations')}</PageTitle>
      <Input.Search
        allowClear
        enterButton
        style={{ maxWidth: 420, marginBottom: 12 }}
        placeholder={t('单位名称或统一社会信用代码', 'Name or credit code')}
        data-testid="organization-search"
        onSearch={(x) => setQ(x.trim())}
      />
      <ErrorBox error={list.error} />
      <Table<OrganizationItem>
        rowKey="id"
        size="middle"
        data-testid="organizations-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          { title: t('单位名称', 'Name'), dataIndex: 'name' },
          { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode', width: 200 },
          {
            title: t('信用代码所示省份', 'Credit code says'),
            width: 130,
            render: (_: unknown, o) => provinceLabel(codeProvince(o), lang),
          },
          {
            title: t('申报所在省份', 'Applies in'),
            width: 130,
            render: (_: unknown, o) => (
              <span>
                {pick(o.province)}
                {o.provinceCode !== codeProvince(o) ? (
                  <Tag color="orange" style={{ marginLeft: 6 }}>
                    {t('已更正', 'corrected')}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          { title: t('注册时间', 'Registered'), dataIndex: 'createdAt', width: 160, render: (x: string) => fmtTime(x) },
          {
            title: '',
            width: 110,
            render: (_: unknown, o) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setOpen(o.id)}
                data-testid={`org-open-${o.id}`}
              >
                {t('查看/更正', 'Open')}
              </Button>
            ),
          },
        ]}
      />
      {open ? (
        <OrganizationDrawer
          id={open}
          onClose={(changed) => {
            setOpen(null);
            if (changed) void list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
