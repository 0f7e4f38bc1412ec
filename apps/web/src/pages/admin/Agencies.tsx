/*
 * 主管部门: the agencies (the national office and the provincial departments) with their level, province and the
 * programs they handle; an admin creates and edits them (GET/POST/PATCH /api/agencies). An officer's scope is their
 * agency's province × programs.
 */
import { useState } from 'react';
import { Button, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api, type Agency, type AgencyCreateBody } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { PROVINCE_CODES } from '../../provinces';
import { ErrorBox, FormModal, PageTitle, useFormSubmit, usePaged } from '../../components/common';

type Level = Agency['level'];

/** GB/T 2260 provinces with a provincial department (the credit code's positions 3–4): the web's one list. */
const PROVINCE_OPTIONS = PROVINCE_CODES.map(([code, zh, en]) => ({ code, zh, en }));

interface AgencyValues {
  code?: string;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  level: Level;
  provinceCode?: string;
  programs?: string[];
}

/** Create (no agency) or edit one; the edit sends the version it read (409 when someone saved meanwhile). */
function AgencyModal({ agency, onClose }: { agency: Agency | null; onClose: (saved: boolean) => void }) {
  const { t, pick, lang } = useI18n();
  const catalogue = usePrograms();
  const [form] = Form.useForm<AgencyValues>();
  const level = Form.useWatch('level', form);
  const { busy, error, onFinish } = useFormSubmit(form, async (values: AgencyValues) => {
    const common = {
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      descriptionZh: values.descriptionZh ?? '',
      descriptionEn: values.descriptionEn ?? '',
      level: values.level,
      programs: values.programs ?? [],
    };
    if (agency) {
      await api.updateAgency(agency.id, {
        ...common,
        provinceCode: values.level === 'provincial' ? (values.provinceCode ?? null) : null,
        version: agency.version,
      });
    } else {
      const body: AgencyCreateBody = { ...common, code: (values.code ?? '').trim() };
      if (values.level === 'provincial') body.provinceCode = values.provinceCode;
      await api.createAgency(body);
    }
    onClose(true);
  });
  return (
    <FormModal
      form={form}
      width={640}
      title={agency ? `${t('编辑主管部门', 'Edit agency')} · ${agency.code}` : t('新建主管部门', 'New agency')}
      okTestId="agency-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="agency-form"
        initialValues={
          agency
            ? {
                nameZh: agency.nameZh,
                nameEn: agency.nameEn,
                descriptionZh: agency.descriptionZh,
                descriptionEn: agency.descriptionEn,
                level: agency.level,
                provinceCode: agency.provinceCode ?? undefined,
                programs: agency.programs,
              }
            : { level: 'provincial', programs: [] }
        }
      >
        {agency ? null : (
          <Form.Item
            name="code"
            label={t('代码', 'Code')}
            extra={t(
              '小写字母、数字和连字符，如 prov-32-rending',
              'lower-case letters, digits, dashes: prov-32-rending',
            )}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,39}$/, message: t('代码格式不对', 'Not a code') }]}
          >
            <Input data-testid="agency-code" maxLength={40} />
          </Form.Item>
        )}
        <Form.Item
          name="nameZh"
          label={t('名称（中文）', 'Name (Chinese)')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input data-testid="agency-name-zh" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('名称（英文）', 'Name (English)')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input data-testid="agency-name-en" maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label={t('级别', 'Level')} rules={[{ required: true }]}>
          <Radio.Group data-testid="agency-level">
            <Radio value="national">{t('国家级', 'National')}</Radio>
            <Radio value="provincial">{t('省级', 'Provincial')}</Radio>
          </Radio.Group>
        </Form.Item>
        {level === 'provincial' ? (
          <Form.Item
            name="provinceCode"
            label={t('省份', 'Province')}
            rules={[{ required: true, message: t('请选择省份', 'Choose the province') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="agency-province"
              options={PROVINCE_OPTIONS.map((p) => ({
                value: p.code,
                label: `${p.code} ${lang === 'en' ? p.en : p.zh}`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="programs"
          label={t('负责的项目', 'Programs it handles')}
          extra={t('不选即全部项目', 'none chosen = every program')}
        >
          <Select
            mode="multiple"
            data-testid="agency-programs"
            options={catalogue.programs.map((p) => ({ value: p.code, label: pick(p.name) }))}
          />
        </Form.Item>
        <Form.Item name="descriptionZh" label={t('职责说明（中文）', 'Description (Chinese)')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('职责说明（英文）', 'Description (English)')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function AgenciesPage() {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const [level, setLevel] = useState<Level | ''>('');
  const [editing, setEditing] = useState<Agency | null | 'new'>(null);
  const list = usePaged((page, pageSize) => api.agencies({ page, pageSize, level }), [level], 50);
  return (
    <div>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="agency-new">
            {t('新建主管部门', 'New agency')}
          </Button>
        }
      >
        {t('主管部门', 'Agencies')}
      </PageTitle>
      <Space style={{ marginBottom: 12 }}>
        <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} data-testid="agency-level-filter">
          <Radio.Button value="">{t('全部', 'All')}</Radio.Button>
          <Radio.Button value="national">{t('国家级', 'National')}</Radio.Button>
          <Radio.Button value="provincial">{t('省级', 'Provincial')}</Radio.Button>
        </Radio.Group>
      </Space>
      <ErrorBox error={list.error} />
      <Table
        rowKey="id"
        size="middle"
        data-testid="agencies-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          { title: t('代码', 'Code'), dataIndex: 'code', width: 150 },
          {
            title: t('名称', 'Name'),
            render: (_: unknown, a: Agency) => (
              <div>
                <div>{lang === 'en' ? a.nameEn : a.nameZh}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {lang === 'en' ? a.descriptionEn : a.descriptionZh}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('级别', 'Level'),
            dataIndex: 'level',
            width: 90,
            render: (l: Level) =>
              l === 'national' ? (
                <Tag color="red">{t('国家级', 'National')}</Tag>
              ) : (
                <Tag>{t('省级', 'Provincial')}</Tag>
              ),
          },
          {
            title: t('省份', 'Province'),
            width: 110,
            render: (_: unknown, a: Agency) =>
              a.province ? `${a.province.code} ${lang === 'en' ? a.province.en : a.province.zh}` : '—',
          },
          {
            title: t('项目', 'Programs'),
            width: 220,
            render: (_: unknown, a: Agency) =>
              a.programs.length ? (
                a.programs.map((p) => <Tag key={p}>{catalogue.programName(p)}</Tag>)
              ) : (
                <Typography.Text type="secondary">{t('全部项目', 'every program')}</Typography.Text>
              ),
          },
          { title: t('审核人员', 'Officers'), dataIndex: 'officers', width: 90 },
          {
            title: '',
            width: 80,
            render: (_: unknown, a: Agency) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(a)}
                data-testid={`agency-edit-${a.code}`}
              >
                {t('编辑', 'Edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing ? (
        <AgencyModal
          agency={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
