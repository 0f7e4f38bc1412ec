/**
 * The application form of each program and track, drawn from the program's JSON Schema (GET /api/programs → forms):
 * it marks required fields, string limits and enum values, and every top-level field is rendered from it. The four
 * programs of API.md also have hand-laid sections (live share hints, lists of creators, costs …); a program without
 * them (a new module on the server) gets the schema's fields alone, with no web edit.
 */
import { createContext, useContext, type ReactNode } from 'react';
import {
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Call, Eligibility, Program } from '../../api';
import { BUSINESS_TYPES, useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { DateInput, MoneyInput } from '../../components/common';
import { formatFen } from '../../money';

// ------------------------------------------------------------------ JSON Schema helpers
/** The JSON Schema of the track's payload (GET /api/programs → forms: one per track, or one with track null). */
export function schemaFor(program: Program | undefined, track: string | null): any | null {
  const forms = program?.forms ?? [];
  return (forms.find((f) => f.track === track) ?? (forms.length === 1 ? forms[0] : undefined))?.schema ?? null;
}

function resolveRef(root: any, node: any): any {
  if (node?.$ref && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    let cur = root;
    for (const seg of node.$ref.slice(2).split('/')) cur = cur?.[seg];
    return cur ?? node;
  }
  return node;
}

/** The schema node at a path, and whether that field is required by its parent. */
function schemaAt(root: any, path: (string | number)[]): { node: any; required: boolean } {
  let node = root;
  let required = false;
  for (const seg of path) {
    node = resolveRef(root, node);
    if (!node) return { node: null, required: false };
    if (typeof seg === 'number') {
      node = node.items;
      continue;
    }
    required = Array.isArray(node.required) && node.required.includes(seg);
    node = node.properties?.[seg];
  }
  return { node: resolveRef(root, node), required };
}

// ------------------------------------------------------------------ context shared by the fields
interface FormCtx {
  schema: any | null;
  eligibility: Eligibility | null;
  track: string | null;
  call: Call | null;
}
const Ctx = createContext<FormCtx>({ schema: null, eligibility: null, track: null, call: null });

/** The results of the named rules, shown beside the fields they concern. */
export function RuleHint({ keys }: { keys: string[] }) {
  const { eligibility } = useContext(Ctx);
  const { pick } = useI18n();
  const catalogue = usePrograms();
  const checks = (eligibility?.checks ?? []).filter((c) => keys.includes(c.rule));
  if (!checks.length) return null;
  return (
    <div style={{ marginTop: 4 }}>
      {checks.map((c) => (
        <div
          key={c.rule}
          data-testid={`rule-hint-${c.rule}`}
          data-passed={c.passed ? 'true' : 'false'}
          style={{ color: c.passed ? '#389e0d' : '#cf1322', fontSize: 13 }}
        >
          {c.passed ? <CheckCircleFilled /> : <CloseCircleFilled />} {catalogue.ruleName(c.rule)}
          {c.detail ? <span style={{ color: '#595959' }}> — {pick(c.detail)}</span> : null}
        </div>
      ))}
    </div>
  );
}

type Kind = 'text' | 'textarea' | 'money' | 'int' | 'date' | 'bool' | 'check' | 'select' | 'multi' | 'auto';

interface PFProps {
  path: (string | number)[];
  label: ReactNode;
  kind?: Kind;
  options?: { value: string; label: ReactNode }[];
  rules?: string[];
  help?: ReactNode;
  width?: number | string;
}

/** One payload field: Form.Item named ['payload', ...path], with a test id `field-<path>`. */
export function PF({ path, label, kind = 'text', options, rules, help, width }: PFProps) {
  const { schema } = useContext(Ctx);
  const { t } = useI18n();
  const { node, required } = schema ? schemaAt(schema, path) : { node: null, required: false };
  const testId = `field-${path.join('-')}`;
  const maxLength: number | undefined = node?.maxLength;
  const enumValues: string[] | undefined = Array.isArray(node?.enum)
    ? node.enum
    : Array.isArray(node?.items?.enum)
      ? node.items.enum
      : undefined;
  const opts =
    options && enumValues
      ? options
          .filter((o) => enumValues.includes(o.value))
          .concat(enumValues.filter((e) => !options.some((o) => o.value === e)).map((e) => ({ value: e, label: e })))
      : (options ?? enumValues?.map((e) => ({ value: e, label: e })));
  let input: ReactNode;
  switch (kind) {
    case 'textarea':
      input = (
        <Input.TextArea
          data-testid={testId}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={maxLength}
          showCount={!!maxLength}
        />
      );
      break;
    case 'money':
      input = <MoneyInput testId={testId} style={{ width: width ?? '100%' }} />;
      break;
    case 'int':
      input = <IntInput testId={testId} />;
      break;
    case 'date':
      input = <DateInput testId={testId} />;
      break;
    case 'bool':
      input = (
        <Radio.Group>
          <Radio value={true} data-testid={`${testId}-true`}>
            {t('是', 'Yes')}
          </Radio>
          <Radio value={false} data-testid={`${testId}-false`}>
            {t('否', 'No')}
          </Radio>
        </Radio.Group>
      );
      break;
    case 'check':
      input = <Checkbox data-testid={testId}>{label}</Checkbox>;
      break;
    case 'select':
      input = <Select data-testid={testId} options={opts} allowClear placeholder={t('请选择', 'Select')} />;
      break;
    case 'multi':
      input = (
        <Select
          data-testid={testId}
          mode="multiple"
          options={opts}
          placeholder={t('请选择', 'Select')}
          optionFilterProp="label"
        />
      );
      break;
    case 'auto':
      input = (
        <AutoComplete
          data-testid={testId}
          options={opts}
          placeholder={t('请输入或选择', 'Type or pick')}
          filterOption={false}
        />
      );
      break;
    default:
      input = <Input data-testid={testId} maxLength={maxLength} />;
  }
  return (
    <Form.Item
      name={['payload', ...path]}
      label={kind === 'check' ? undefined : label}
      required={required}
      valuePropName={kind === 'check' ? 'checked' : 'value'}
      extra={
        help || rules ? (
          <>
            {help}
            {rules ? <RuleHint keys={rules} /> : null}
          </>
        ) : undefined
      }
    >
      {input}
    </Form.Item>
  );
}

/** An integer input whose form value is a number (Input, so the test id lands on the <input>). */
export function IntInput({
  value,
  onChange,
  testId,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  testId?: string;
  id?: string;
}) {
  return (
    <Input
      id={id}
      data-testid={testId}
      inputMode="numeric"
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(e) => {
        const s = e.target.value.replace(/[^\d]/g, '');
        onChange?.(s === '' ? undefined : Number(s));
      }}
    />
  );
}

function Declaration() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('承诺', 'Declaration')} style={{ marginBottom: 16 }}>
      <PF
        path={['declaration']}
        kind="check"
        rules={['common.declaration']}
        label={t(
          '本单位承诺所填信息及提交材料真实、准确、完整，如有虚假，愿承担相应责任。',
          'We declare that the information and materials given are true, accurate and complete, and accept responsibility for any falsehood.',
        )}
      />
    </Card>
  );
}

/** A share a / b in percent, for the live hints (display only: the rules compare exact integers). */
function Share({ a, b, goal }: { a?: number; b?: number; goal: number }) {
  const { t } = useI18n();
  if (a === undefined || b === undefined || a === null || b === null) return null;
  if (!b) return <Tag>{t('分母为 0', 'zero denominator')}</Tag>;
  const ok = a * 100 >= b * goal;
  return (
    <Tag color={ok ? 'success' : 'error'}>
      {((a * 100) / b).toFixed(2)}% {ok ? '≥' : '<'} {goal}%
    </Tag>
  );
}

// ------------------------------------------------------------------ rending
function RendingEnterprise() {
  const { t, v } = useI18n();
  const form = Form.useFormInstance();
  const income = Form.useWatch(['payload', 'income'], form) ?? {};
  const staff = Form.useWatch(['payload', 'staff'], form) ?? {};
  const rd = Form.useWatch(['payload', 'rdSpendingFen'], form);
  return (
    <>
      <Card size="small" title={t('基本情况', 'General')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={8}>
            <PF path={['fiscalYear']} label={t('申报年度', 'Fiscal year')} kind="int" />
          </Col>
          <Col span={16}>
            <PF
              path={['businessTypes']}
              label={t('主营业务类型', 'Business types')}
              kind="multi"
              options={Object.keys(BUSINESS_TYPES).map((c) => ({ value: c, label: v(BUSINESS_TYPES, c) }))}
              rules={['rending.business-type']}
            />
          </Col>
        </Row>
        <RuleHint keys={['rending.enterprise-code', 'common.not-excluded']} />
      </Card>
      <Card size="small" title={t('收入情况', 'Income')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={12}>
            <PF path={['income', 'totalFen']} label={t('企业总收入', 'Total income')} kind="money" />
          </Col>
          <Col span={12}>
            <PF path={['income', 'operatingFen']} label={t('营业收入', 'Operating income')} kind="money" />
          </Col>
          <Col span={12}>
            <PF
              path={['income', 'animationMainFen']}
              label={t('动漫产品主营收入', 'Animation main-business income')}
              kind="money"
              help={<Share a={income.animationMainFen} b={income.totalFen} goal={60} />}
              rules={['rending.main-income-share']}
            />
          </Col>
          <Col span={12}>
            <PF
              path={['income', 'selfDevelopedFen']}
              label={t('自主开发动漫产品收入', 'Self-developed product income')}
              kind="money"
              help={<Share a={income.selfDevelopedFen} b={income.animationMainFen} goal={50} />}
              rules={['rending.self-developed-share']}
            />
          </Col>
          <Col span={12}>
            <PF
              path={['rdSpendingFen']}
              label={t('研究开发费用', 'R&D spending')}
              kind="money"
              help={<Share a={rd} b={income.operatingFen} goal={8} />}
              rules={['rending.rd-spending-share']}
            />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('人员情况', 'Staff')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={8}>
            <PF path={['staff', 'total']} label={t('职工总数', 'Total staff')} kind="int" />
          </Col>
          <Col span={8}>
            <PF
              path={['staff', 'qualified']}
              label={t('大专以上学历或动漫资质人员', 'College degree or certified')}
              kind="int"
              help={<Share a={staff.qualified} b={staff.total} goal={30} />}
              rules={['rending.qualified-staff-share']}
            />
          </Col>
          <Col span={8}>
            <PF
              path={['staff', 'rd']}
              label={t('研发人员', 'R&D staff')}
              kind="int"
              help={<Share a={staff.rd} b={staff.total} goal={10} />}
              rules={['rending.rd-staff-share']}
            />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('自主知识产权', 'Intellectual property')} style={{ marginBottom: 16 }}>
        <Form.List name={['payload', 'ipRights']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={6}>
                    <Form.Item name={[f.name, 'kind']} label={f.name === 0 ? t('类型', 'Kind') : undefined}>
                      <Select
                        data-testid={`field-ipRights-${f.name}-kind`}
                        options={[
                          { value: 'copyright', label: t('著作权', 'Copyright') },
                          { value: 'patent', label: t('专利', 'Patent') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[f.name, 'number']}
                      label={f.name === 0 ? t('登记号/专利号', 'Number') : undefined}
                    >
                      <Input data-testid={`field-ipRights-${f.name}-number`} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[f.name, 'grantedOn']}
                      label={f.name === 0 ? t('取得日期', 'Granted on') : undefined}
                    >
                      <DateInput testId={`field-ipRights-${f.name}-grantedOn`} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: f.name === 0 ? 34 : 6 }}>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'copyright' })}
                data-testid="add-ipRights"
              >
                {t('添加知识产权', 'Add IP right')}
              </Button>
            </>
          )}
        </Form.List>
        <RuleHint keys={['rending.recent-ip']} />
      </Card>
      <Card size="small" title={t('动漫产品', 'Products')} style={{ marginBottom: 16 }}>
        <Form.List name={['payload', 'products']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col span={10}>
                    <Form.Item name={[f.name, 'name']} label={f.name === 0 ? t('产品名称', 'Name') : undefined}>
                      <Input data-testid={`field-products-${f.name}-name`} maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[f.name, 'category']} label={f.name === 0 ? t('类别', 'Category') : undefined}>
                      <AutoComplete
                        data-testid={`field-products-${f.name}-category`}
                        options={['comic', 'animation', 'online', 'stage', 'software', 'derivative'].map((c) => ({
                          value: c,
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item
                      name={[f.name, 'selfDeveloped']}
                      valuePropName="checked"
                      label={f.name === 0 ? t('自主开发', 'Self-developed') : undefined}
                    >
                      <Checkbox data-testid={`field-products-${f.name}-selfDeveloped`} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: f.name === 0 ? 34 : 6 }}>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ selfDeveloped: true })}
                data-testid="add-products"
              >
                {t('添加产品', 'Add product')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
    </>
  );
}

function RendingKeyProduct() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('重点动漫产品', 'Key product')} style={{ marginBottom: 16 }}>
      <RuleHint keys={['rending.certified']} />
      <Row gutter={16}>
        <Col span={12}>
          <PF path={['product', 'name']} label={t('产品名称', 'Product name')} />
        </Col>
        <Col span={12}>
          <PF
            path={['product', 'category']}
            label={t('产品类别', 'Category')}
            kind="select"
            options={[
              { value: 'comic', label: t('漫画', 'Comic') },
              { value: 'comic-periodical', label: t('漫画期刊', 'Comic periodical') },
              { value: 'animation', label: t('动画', 'Animation') },
              { value: 'online', label: t('网络/手机动漫', 'Online / mobile') },
              { value: 'stage', label: t('动漫舞台剧', 'Stage show') },
            ]}
          />
        </Col>
        <Col span={12}>
          <PF path={['product', 'annualIncomeFen']} label={t('年销售收入', 'Annual income')} kind="money" />
        </Col>
        <Col span={12}>
          <PF path={['product', 'exportIncomeFen']} label={t('版权出口收入', 'Copyright export income')} kind="money" />
        </Col>
        <Col span={12}>
          <PF path={['product', 'copiesSold']} label={t('发行册数', 'Copies sold')} kind="int" />
        </Col>
        <Col span={12}>
          <PF path={['product', 'shows']} label={t('演出场次', 'Shows')} kind="int" />
        </Col>
        <Col span={12}>
          <PF
            path={['product', 'award']}
            label={t('获奖情况', 'Award')}
            kind="select"
            options={[
              { value: 'national', label: t('国家级奖项', 'National award') },
              { value: 'international', label: t('国际奖项', 'International award') },
            ]}
          />
        </Col>
        <Col span={12}>
          <PF
            path={['product', 'recommended']}
            label={t('获主管部门推荐', 'Recommended by an authority')}
            kind="bool"
          />
        </Col>
      </Row>
      <RuleHint keys={['rending.key-product-threshold']} />
    </Card>
  );
}

function RendingKeyEnterprise() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('重点动漫企业', 'Key enterprise')} style={{ marginBottom: 16 }}>
      <RuleHint keys={['rending.certified', 'rending.has-key-product']} />
      <Row gutter={16}>
        <Col span={12}>
          <PF path={['registeredCapitalFen']} label={t('注册资本', 'Registered capital')} kind="money" />
        </Col>
        <Col span={12}>
          <PF path={['annualIncomeFen']} label={t('年营业收入', 'Annual income')} kind="money" />
        </Col>
        <Col span={12}>
          <PF path={['profitableYears']} label={t('连续盈利年数', 'Profitable years')} kind="int" />
        </Col>
        <Col span={12}>
          <PF path={['exportIncomeFen']} label={t('出口收入', 'Export income')} kind="money" />
        </Col>
        <Col span={12}>
          <PF
            path={['ownIpExportIncomeFen']}
            label={t('自主知识产权产品出口收入', 'Own-IP export income')}
            kind="money"
          />
        </Col>
        <Col span={12}>
          <PF path={['recommended']} label={t('获主管部门推荐', 'Recommended by an authority')} kind="bool" />
        </Col>
      </Row>
      <RuleHint keys={['rending.key-enterprise-threshold']} />
    </Card>
  );
}

// ------------------------------------------------------------------ jingpin
function Jingpin() {
  const { t } = useI18n();
  return (
    <>
      <Card size="small" title={t('作品信息', 'The work')} style={{ marginBottom: 16 }}>
        <RuleHint keys={['jingpin.one-per-track']} />
        <Row gutter={16}>
          <Col span={14}>
            <PF path={['workTitle']} label={t('作品名称', 'Work title')} rules={['jingpin.no-repeat-work']} />
          </Col>
          <Col span={10}>
            <PF
              path={['mediaType']}
              label={t('作品类型', 'Media type')}
              kind="select"
              options={[
                { value: 'tv', label: t('动画电视', 'TV animation') },
                { value: 'film', label: t('动画电影', 'Animated film') },
                { value: 'comic', label: t('漫画', 'Comic') },
                { value: 'new-media', label: t('新媒体动漫', 'New-media animation') },
              ]}
            />
          </Col>
        </Row>
        <PF path={['synopsis']} label={t('作品简介', 'Synopsis')} kind="textarea" />
      </Card>
      <Card size="small" title={t('核心主创人员', 'Core creators')} style={{ marginBottom: 16 }}>
        <Form.List name={['payload', 'creators']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col span={7}>
                    <Form.Item name={[f.name, 'name']} label={f.name === 0 ? t('姓名', 'Name') : undefined}>
                      <Input data-testid={`field-creators-${f.name}-name`} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[f.name, 'role']} label={f.name === 0 ? t('担任职务', 'Role') : undefined}>
                      <AutoComplete
                        data-testid={`field-creators-${f.name}-role`}
                        options={[
                          t('导演', 'Director'),
                          t('编剧', 'Screenwriter'),
                          t('制片人', 'Producer'),
                          t('美术设计', 'Art director'),
                          t('主笔', 'Lead artist'),
                        ].map((x) => ({ value: x }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[f.name, 'education']}
                      label={f.name === 0 ? t('学历(选填)', 'Education (optional)') : undefined}
                    >
                      <Input data-testid={`field-creators-${f.name}-education`} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: f.name === 0 ? 34 : 6 }}>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-creators">
                {t('添加主创人员', 'Add creator')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('开发与市场', 'Development and market')} style={{ marginBottom: 16 }}>
        <PF path={['developmentPlan']} label={t('开发计划', 'Development plan')} kind="textarea" />
        <PF
          path={['marketExpectation']}
          label={t('市场预期(授权、改编、衍生品收入)', 'Market expectation (licensing, adaptation, merchandise)')}
          kind="textarea"
        />
        <PF path={['licensing']} label={t('授权情况', 'Licensing status')} kind="textarea" />
        <PF path={['promotionPlan']} label={t('推广计划', 'Promotion plan')} kind="textarea" />
      </Card>
    </>
  );
}

// ------------------------------------------------------------------ yuandongli
function Yuandongli({ track }: { track: string | null }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('作品信息', 'The work')} style={{ marginBottom: 16 }}>
      <RuleHint keys={['yuandongli.periodical-publisher', 'yuandongli.clean-record', 'common.not-excluded']} />
      <Row gutter={16}>
        <Col span={14}>
          <PF path={['workTitle']} label={t('作品名称', 'Work title')} />
        </Col>
        <Col span={10}>
          <PF
            path={['publishedOn']}
            label={t('出版/上线日期(未出版不填)', 'Published on (empty if unpublished)')}
            kind="date"
            rules={['yuandongli.unpublished']}
          />
        </Col>
        <Col span={12}>
          <PF
            path={['foreignCoOwnership']}
            label={t('是否与境外机构共有版权', 'Copyright shared with a foreign party?')}
            kind="bool"
            rules={['yuandongli.no-foreign-copyright']}
          />
        </Col>
        <Col span={12}>
          <PF
            path={['previouslyFunded']}
            label={t('是否曾获资助(含续集)', 'Funded before (incl. sequels)?')}
            kind="bool"
            rules={['yuandongli.not-funded-before']}
          />
        </Col>
        <Col span={12}>
          <PF
            path={['adaptationOf']}
            label={t('改编自(选填)', 'Adaptation of (optional)')}
            help={t('经典名著、民间故事改编可申报', 'Classics and folk tales may be adapted')}
          />
        </Col>
        {track === 'minority-translation' ? (
          <Col span={12}>
            <PF
              path={['targetLanguage']}
              label={t('译制语种', 'Target language')}
              kind="auto"
              options={[
                { value: 'mn', label: t('mn 蒙古文', 'mn Mongolian') },
                { value: 'bo', label: t('bo 藏文', 'bo Tibetan') },
                { value: 'ug', label: t('ug 维吾尔文', 'ug Uyghur') },
                { value: 'kk', label: t('kk 哈萨克文', 'kk Kazakh') },
                { value: 'ko', label: t('ko 朝鲜文', 'ko Korean') },
              ]}
              rules={['yuandongli.translation-language']}
            />
          </Col>
        ) : null}
      </Row>
    </Card>
  );
}

// ------------------------------------------------------------------ tuiguang
function Tuiguang() {
  const { t } = useI18n();
  const { call } = useContext(Ctx);
  const form = Form.useFormInstance();
  const costs: any[] = Form.useWatch(['payload', 'costs'], form) ?? [];
  const total = costs.reduce((s, c) => s + (Number.isSafeInteger(c?.amountFen) ? c.amountFen : 0), 0);
  const share = call?.requestSharePercent ?? 50;
  const cap = Math.floor((total * share) / 100);
  return (
    <>
      <Card size="small" title={t('推广活动', 'Activity')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={14}>
            <PF path={['activity', 'name']} label={t('活动名称', 'Activity name')} />
          </Col>
          <Col span={10}>
            <PF path={['activity', 'location']} label={t('举办地点', 'Location')} />
          </Col>
          <Col span={8}>
            <PF path={['activity', 'startsOn']} label={t('开始日期', 'Starts on')} kind="date" />
          </Col>
          <Col span={8}>
            <PF
              path={['activity', 'endsOn']}
              label={t('结束日期', 'Ends on')}
              kind="date"
              rules={['tuiguang.activity-dates']}
            />
          </Col>
          <Col span={8}>
            <PF path={['activity', 'country']} label={t('国家/地区(境外填写)', 'Country (abroad)')} />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('费用明细', 'Cost lines')} style={{ marginBottom: 16 }}>
        <Form.List name={['payload', 'costs']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col span={9}>
                    <Form.Item name={[f.name, 'item']} label={f.name === 0 ? t('费用项目', 'Item') : undefined}>
                      <Input data-testid={`field-costs-${f.name}-item`} maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'category']} label={f.name === 0 ? t('类别', 'Category') : undefined}>
                      <AutoComplete
                        data-testid={`field-costs-${f.name}-category`}
                        options={[
                          { value: 'venue', label: t('venue 场地', 'venue') },
                          { value: 'travel', label: t('travel 差旅', 'travel') },
                          { value: 'production', label: t('production 制作', 'production') },
                          { value: 'translation', label: t('translation 译制', 'translation') },
                          { value: 'promotion', label: t('promotion 宣传', 'promotion') },
                          { value: 'other', label: t('other 其他', 'other') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[f.name, 'amountFen']} label={f.name === 0 ? t('金额', 'Amount') : undefined}>
                      <MoneyInput testId={`field-costs-${f.name}-amountFen`} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: f.name === 0 ? 34 : 6 }}>
                    <MinusCircleOutlined onClick={() => remove(f.name)} data-testid={`remove-costs-${f.name}`} />
                  </Col>
                </Row>
              ))}
              <Space>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-costs">
                  {t('添加费用', 'Add cost line')}
                </Button>
                <Typography.Text data-testid="costs-total">
                  {t('合计', 'Total')}: {formatFen(total)}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
        <RuleHint keys={['tuiguang.costs']} />
      </Card>
      <Card size="small" title={t('申请资助', 'Request')} style={{ marginBottom: 16 }}>
        <PF
          path={['requestedFen']}
          label={t('申请资助金额', 'Amount requested')}
          kind="money"
          width={260}
          help={
            <Tooltip title={t(`不超过费用合计的 ${share}%`, `At most ${share}% of the costs`)}>
              <span>
                {t('上限', 'Cap')}: {formatFen(cap)} ({share}%)
              </span>
            </Tooltip>
          }
          rules={['tuiguang.request-cap']}
        />
      </Card>
    </>
  );
}

// ------------------------------------------------------------------ fields only the schema knows
const KNOWN: Record<string, string[]> = {
  'rending/enterprise': [
    'fiscalYear',
    'businessTypes',
    'income',
    'rdSpendingFen',
    'staff',
    'ipRights',
    'products',
    'declaration',
  ],
  'rending/key-product': ['product', 'declaration'],
  'rending/key-enterprise': [
    'registeredCapitalFen',
    'annualIncomeFen',
    'profitableYears',
    'exportIncomeFen',
    'ownIpExportIncomeFen',
    'recommended',
    'declaration',
  ],
  jingpin: [
    'mediaType',
    'workTitle',
    'synopsis',
    'creators',
    'developmentPlan',
    'marketExpectation',
    'licensing',
    'promotionPlan',
    'declaration',
  ],
  yuandongli: [
    'workTitle',
    'publishedOn',
    'foreignCoOwnership',
    'previouslyFunded',
    'adaptationOf',
    'targetLanguage',
    'declaration',
  ],
  tuiguang: ['activity', 'costs', 'requestedFen', 'declaration'],
};

/**
 * The schema's top-level fields that no hand-laid section shows: for a program without one, every field. Labels are
 * the schema's `title` (Chinese) and `description` (English); the program's own rules are listed under them.
 */
function SchemaExtras({ program, track }: { program: Program; track: string | null }) {
  const { schema } = useContext(Ctx);
  const { t, lang } = useI18n();
  const programCode = program.code;
  const handLaid = !!(KNOWN[`${programCode}/${track}`] ?? KNOWN[programCode]);
  const known = KNOWN[`${programCode}/${track}`] ?? KNOWN[programCode] ?? [];
  const props: Record<string, any> = schema?.properties ?? {};
  const extras = Object.entries(props).filter(
    ([k, s]) =>
      k !== 'declaration' &&
      !known.includes(k) &&
      !(programCode === 'yuandongli' && k === 'targetLanguage') &&
      s &&
      typeof s === 'object',
  );
  if (!extras.length) return null;
  const kindOf = (k: string, s: any): Kind => {
    if (k.endsWith('Fen')) return 'money';
    if (s.enum) return 'select';
    if (s.type === 'boolean') return 'bool';
    if (s.type === 'integer' || s.type === 'number') return 'int';
    if (s.format === 'date') return 'date';
    if (s.type === 'array' && s.items?.enum) return 'multi';
    if (s.type === 'string') return (s.maxLength ?? 0) > 300 ? 'textarea' : 'text';
    return 'text';
  };
  const renderable = extras.filter(
    ([k, s]) => s.type !== 'object' && !(s.type === 'array' && !s.items?.enum) && kindOf(k, s),
  );
  if (!renderable.length) return null;
  const label = (k: string, s: any): string => (lang === 'en' ? s.description : s.title) ?? s.title ?? k;
  const programRules = program.rules
    .filter((r) => !r.common && (!r.tracks || (track !== null && r.tracks.includes(track))))
    .map((r) => r.key);
  return (
    <Card
      size="small"
      title={handLaid ? t('其他信息', 'Other information') : t('申报信息', 'Application details')}
      style={{ marginBottom: 16 }}
      data-testid="schema-form"
    >
      {renderable.map(([k, s]) => (
        <PF key={k} path={[k]} label={label(k, s)} kind={kindOf(k, s)} />
      ))}
      {handLaid ? null : <RuleHint keys={programRules} />}
    </Card>
  );
}

export function ProgramFields({
  program,
  track,
  eligibility,
  call,
}: {
  program: Program;
  track: string | null;
  eligibility: Eligibility | null;
  call: Call | null;
}) {
  const { t } = useI18n();
  const schema = schemaFor(program, track);
  let body: ReactNode;
  switch (program.code) {
    case 'rending':
      body =
        track === 'key-product' ? (
          <RendingKeyProduct />
        ) : track === 'key-enterprise' ? (
          <RendingKeyEnterprise />
        ) : (
          <RendingEnterprise />
        );
      break;
    case 'jingpin':
      body = <Jingpin />;
      break;
    case 'yuandongli':
      body = <Yuandongli track={track} />;
      break;
    case 'tuiguang':
      body = <Tuiguang />;
      break;
    default:
      body = (
        <Typography.Paragraph type="secondary">
          {t('该项目的表单由结构定义生成。', 'This program’s form is built from its schema.')}
        </Typography.Paragraph>
      );
  }
  return (
    <Ctx.Provider value={{ schema, eligibility, track, call }}>
      {body}
      <SchemaExtras program={program} track={track} />
      <Declaration />
    </Ctx.Provider>
  );
}

/** Which form section a rule's result belongs to (for the side panel's links). */
export const RULE_FIELDS: Record<string, string[]> = {
  'common.declaration': ['declaration'],
  'rending.main-income-share': ['income.animationMainFen', 'income.totalFen'],
  'rending.self-developed-share': ['income.selfDevelopedFen'],
  'rending.qualified-staff-share': ['staff.qualified'],
  'rending.rd-staff-share': ['staff.rd'],
  'rending.rd-spending-share': ['rdSpendingFen'],
  'rending.recent-ip': ['ipRights'],
  'rending.business-type': ['businessTypes'],
  'rending.key-product-threshold': ['product'],
  'rending.key-enterprise-threshold': ['registeredCapitalFen'],
  'jingpin.no-repeat-work': ['workTitle'],
  'yuandongli.unpublished': ['publishedOn'],
  'yuandongli.no-foreign-copyright': ['foreignCoOwnership'],
  'yuandongli.not-funded-before': ['previouslyFunded'],
  'yuandongli.translation-language': ['targetLanguage'],
  'tuiguang.costs': ['costs'],
  'tuiguang.request-cap': ['requestedFen'],
  'tuiguang.activity-dates': ['activity.endsOn'],
};
