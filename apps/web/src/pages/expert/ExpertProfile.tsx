/*
 * 我的专家档案 (issue 14, item 3): the expert's fields (set by administrators), availability for the draw, the declared
 * conflicts of interest (an organization found by name or credit code, or a credit code typed in) and the history of
 * their reviews. GET/PUT /api/experts/me, GET /api/experts/organizations, GET /api/reviews.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Switch, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, type ReviewListItem } from '../../api';
import { expertApi, type FoundOrganization, type MyExpertProfile } from '../../api/expert';
import { REVIEW_STATUS, useI18n } from '../../i18n';
import { checkCreditCode, normalizeCreditCode } from '../../creditCode';
import { usePrograms } from '../../programs';
import { provinceLabel } from '../../provinces';
import { ErrorBox, fmtTime, PageTitle, StatusTag, useLoad, usePaged } from '../../components/common';

type Conflict = MyExpertProfile['conflicts'][number];

function FieldsCard({ p }: { p: MyExpertProfile }) {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const fieldName = (f: string) => {
    const [program, track] = f.split('/');
    return track
      ? `${catalogue.programName(program)} · ${catalogue.trackName(program, track)}`
      : catalogue.programName(program);
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('基本信息', 'About me')}</h2>} data-testid="expert-about">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('姓名', 'Name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('邮箱', 'E-mail')}>{p.email}</Descriptions.Item>
        <Descriptions.Item label={t('评审领域', 'Fields')}>
          <span data-testid="expert-fields">
            {p.fields.map((f) => (
              <Tag key={f}>{fieldName(f)}</Tag>
            ))}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('工作单位信用代码', 'Employer credit code')}>
          {p.employerCreditCode ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('所在地区', 'Region')}>{provinceLabel(p.provinceCode, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('更新时间', 'Updated')}>{fmtTime(p.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 12 }}
        message={t(
          '评审领域、工作单位和地区由系统管理员维护；如需修改请联系管理员。',
          'Fields, employer and region are kept by the administrators; ask them to change these.',
        )}
      />
    </Card>
  );
}

function AvailabilityCard({ p, onSaved }: { p: MyExpertProfile; onSaved: (next: MyExpertProfile) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const change = async (available: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await expertApi.update({ available }));
      message.success(available ? t('已设为可参加评审', 'You can be drawn again') : t('已暂停接受评审', 'Paused'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('可评审状态', 'Availability')}</h2>}>
      <ErrorBox error={error} />
      <Space align="center">
        <Switch
          id="expert-available"
          checked={p.available}
          loading={busy}
          onChange={(v) => void change(v)}
          data-testid="expert-available"
          aria-label={t('可参加抽取', 'Available for the draw')}
        />
        <label htmlFor="expert-available">
          {p.available
            ? t('可参加专家抽取', 'Available: you may be drawn')
            : t('暂停：不会被抽取为评审专家', 'Paused: you will not be drawn')}
        </label>
      </Space>
    </Card>
  );
}

/** Searches organizations as the expert types (at least 2 characters, 400 ms after the last key). */
function useOrganizationSearch() {
  const [text, setText] = useState('');
  const [found, setFound] = useState<FoundOrganization[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setSearching(true);
      expertApi.searchOrganizations({ q, pageSize: 10 }).then(
        (page) => {
          if (mine !== seq.current) return;
          setFound(page.items);
          setTotal(page.total);
          setError(null);
          setSearching(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setError(e);
          setSearching(false);
        },
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [text]);
  const short = text.trim().length < 2;
  return { text, setText, found: short ? [] : found, total: short ? 0 : total, error, searching };
}

function ConflictsCard({ p, onSaved }: { p: MyExpertProfile; onSaved: (next: MyExpertProfile) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const search = useOrganizationSearch();
  const [picked, setPicked] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const typedCode = normalizeCreditCode(search.text);
  const options = [
    ...search.found.map((o) => ({
      value: o.creditCode,
      label: `${o.name}（${o.creditCode}）`,
    })),
    ...(typedCode.length === 18 &&
    checkCreditCode(typedCode) === null &&
    !search.found.some((o) => o.creditCode === typedCode)
      ? [{ value: typedCode, label: t(`按信用代码声明：${typedCode}`, `Declare the credit code ${typedCode}`) }]
      : []),
  ];
  const save = async (conflicts: { creditCode: string; note: string }[], done: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await expertApi.update({ conflicts }));
      message.success(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const current = p.conflicts.map((c) => ({ creditCode: c.creditCode, note: c.note ?? '' }));
  const add = async () => {
    if (!picked) return;
    if (current.some((c) => c.creditCode === picked)) {
      setError(new Error(t('该单位已在回避名单中', 'This organization is already listed')));
      return;
    }
    if (await save([...current, { creditCode: picked, note: note.trim() }], t('已添加回避单位', 'Conflict declared'))) {
      setPicked(undefined);
      setNote('');
      search.setText('');
    }
  };
  const remove = (code: string) =>
    void save(
      current.filter((c) => c.creditCode !== code),
      t('已移除回避单位', 'Conflict removed'),
    );
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('回避声明（利益冲突）', 'Declared conflicts of interest')}</h2>}
      data-testid="expert-conflicts"
    >
      <ErrorBox error={error ?? search.error} onClose={() => setError(null)} />
      <Table<Conflict>
        rowKey="creditCode"
        size="small"
        pagination={false}
        dataSource={p.conflicts}
        data-testid="conflicts-table"
        locale={{ emptyText: t('尚未声明回避单位', 'No conflicts declared') }}
        columns={[
          {
            title: t('单位', 'Organization'),
            dataIndex: 'organizationName',
            render: (n: string | null) => n ?? <Tag>{t('未在平台注册', 'not registered')}</Tag>,
          },
          { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode', width: 200 },
          { title: t('说明', 'Note'), dataIndex: 'note', render: (x: string | null) => x || '—' },
          {
            title: t('操作', 'Actions'),
            width: 90,
            render: (_: unknown, c) => (
              <Button
                size="small"
                danger
                disabled={busy}
                onClick={() => remove(c.creditCode)}
                data-testid={`conflict-remove-${c.creditCode}`}
              >
                {t('移除', 'Remove')}
              </Button>
            ),
          },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 16 }} onFinish={() => void add()}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('查找单位（名称或信用代码）', 'Find the organization (name or credit code)')}
              htmlFor="conflict-search"
              extra={
                search.total > search.found.length
                  ? t(
                      `共 ${search.total} 个，仅显示前 ${search.found.length} 个，请输入更完整的名称`,
                      `${search.total} found, the first ${search.found.length} shown: type more of the name`,
                    )
                  : t('至少输入 2 个字', 'Type at least 2 characters')
              }
            >
              <Select
                id="conflict-search"
                showSearch
                allowClear
                value={picked}
                placeholder={t('输入单位名称或信用代码', 'Name or credit code')}
                filterOption={false}
                searchValue={search.text}
                onSearch={search.setText}
                onChange={(v: string | undefined) => setPicked(v)}
                loading={search.searching}
                options={options}
                notFoundContent={
                  search.text.trim().length >= 2 && !search.searching ? t('未找到', 'Nothing found') : null
                }
                data-testid="conflict-search"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('说明', 'Note')} htmlFor="conflict-note">
              <Input
                id="conflict-note"
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('如：曾任该公司顾问', 'e.g. former adviser')}
                data-testid="conflict-note"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" disabled={!picked} loading={busy} data-testid="conflict-add">
                {t('添加', 'Add')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {p.reviewConflicts.length > 0 && (
        <>
          <h3 style={{ fontSize: 14 }}>{t('谢绝评审时声明的回避', 'Declared when declining a review')}</h3>
          <Table
            rowKey="reviewId"
            size="small"
            pagination={false}
            dataSource={p.reviewConflicts}
            columns={[
              {
                title: t('申报编号', 'Number'),
                dataIndex: 'applicationNumber',
                render: (x: string | null) => x ?? '—',
              },
              { title: t('说明', 'Note'), dataIndex: 'note', render: (x: string | null) => x || '—' },
              { title: t('声明时间', 'Declared'), dataIndex: 'declaredAt', render: (d: string) => fmtTime(d) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function HistoryCard() {
  const { t, v } = useI18n();
  const [status, setStatus] = useState<string | undefined>();
  const list = usePaged((page, pageSize) => api.reviews({ page, pageSize, status }), [status], 10);
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('评审记录', 'My review history')}</h2>}
      extra={
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('全部状态', 'Every status')}
          aria-label={t('按状态筛选', 'Filter by status')}
          value={status}
          onChange={setStatus}
          options={Object.keys(REVIEW_STATUS).map((s) => ({ value: s, label: v(REVIEW_STATUS, s) }))}
          data-testid="history-status"
        />
      }
    >
      <ErrorBox error={list.error} />
      <Table<ReviewListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="history-table"
        columns={[
          { title: t('申报批次', 'Call'), dataIndex: 'callTitle', render: (x: string | null) => x ?? '—' },
          {
            title: t('申报编号', 'Number'),
            dataIndex: 'applicationNumber',
            width: 170,
            render: (x: string | null, r) =>
              r.applicationTitle !== null ? <Link to={`/reviews/${r.id}`}>{x ?? r.id.slice(0, 8)}</Link> : (x ?? '—'),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 120,
            render: (s: string) => <StatusTag status={s} kind="review" />,
          },
          { title: t('截止时间', 'Due'), dataIndex: 'dueAt', width: 180, render: (d: string) => fmtTime(d) },
          {
            title: t('提交时间', 'Submitted'),
            dataIndex: 'submittedAt',
            width: 180,
            render: (d: string | null) => (d ? fmtTime(d) : '—'),
          },
        ]}
      />
    </Card>
  );
}

export function ExpertProfilePage() {
  const { t } = useI18n();
  const profile = useLoad(() => expertApi.me(), []);
  const p = profile.data;
  return (
    <div data-testid="expert-profile">
      <PageTitle>{t('我的专家档案', 'My expert profile')}</PageTitle>
      <ErrorBox error={profile.error} />
      {p ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <FieldsCard p={p} />
          </Col>
          <Col xs={24} lg={12}>
            <AvailabilityCard p={p} onSaved={profile.setData} />
          </Col>
          <Col span={24}>
            <ConflictsCard p={p} onSaved={profile.setData} />
          </Col>
          <Col span={24}>
            <HistoryCard />
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
