/**
 * The application form of each program and track, drawn from GET /api/programs → forms: the track's JSON Schema marks
 * required fields, string limits and enum values; the track's layout (the program module's, on the server) lays the
 * fields out in sections with labels, options, live hints and rule results. A track without a layout gets every
 * schema field in one section. Nothing here knows a program: a new module on the server needs no web edit.
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
import type {
  Call,
  Eligibility,
  FormBlock,
  FormFieldLayout,
  FormLayout,
  FormListLayout,
  FormOption,
  Program,
} from '../../api';
import { BUSINESS_TYPES, useI18n, type I18nText } from '../../i18n';
import { usePrograms } from '../../programs';
import { DateInput, MoneyInput } from '../../components/common';
import { formatFen } from '../../money';

// ------------------------------------------------------------------ JSON Schema helpers
/** The parts of a JSON Schema node the form reads. */
interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  maxLength?: number;
  enum?: string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** The form of the track (GET /api/programs → forms: one per track, or one with track null). */
function formFor(program: Program | undefined, track: string | null): Program['forms'][number] | undefined {
  const forms = program?.forms ?? [];
  return forms.find((f) => f.track === track) ?? (forms.length === 1 ? forms[0] : undefined);
}

/** The JSON Schema of the track's payload. */
export function schemaFor(program: Program | undefined, track: string | null): SchemaNode | null {
  return (formFor(program, track)?.schema as SchemaNode | undefined) ?? null;
}

function resolveRef(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.$ref && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    let cur: unknown = root;
    for (const seg of node.$ref.slice(2).split('/')) cur = (cur as Record<string, unknown> | undefined)?.[seg];
    return (cur as SchemaNode | undefined) ?? node;
  }
  return node;
}

/** The schema node at a path, and whether that field is required by its parent. */
function schemaAt(root: SchemaNode, path: (string | number)[]): { node: SchemaNode | undefined; required: boolean } {
  let node: SchemaNode | undefined = root;
  let required = false;
  for (const seg of path) {
    node = resolveRef(root, node);
    if (!node) return { node: undefined, required: false };
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
  schema: SchemaNode | null;
  eligibility: Eligibility | null;
  track: string | null;
  call: Call | null;
  program: Program | null;
}
const Ctx = createContext<FormCtx>({ schema: null, eligibility: null, track: null, call: null, program: null });

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
          style={{ color: c.passed ? '#237804' : '#cf1322', fontSize: 13 }}
        >
          {c.passed ? <CheckCircleFilled /> : <CloseCircleFilled />} {catalogue.ruleName(c.rule)}
          {c.detail ? <span style={{ color: '#595959' }}> — {pick(c.detail)}</span> : null}
        </div>
      ))}
    </div>
  );
}

type Kind = NonNullable<FormFieldLayout['kind']>;

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
  const { node, required } = schema ? schemaAt(schema, path) : { node: undefined, required: false };
  const testId = `field-${path.join('-')}`;
  const maxLength: number | undefined = node?.maxLength;
  const enumValues: string[] | undefined = Array.isArray(node?.enum)
    ? node.enum
    : Array.isArray(node?.items?.enum)
      ? node?.items?.enum
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
function Share({ share }: { share: NonNullable<FormFieldLayout['share']> }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const a: number | undefined = Form.useWatch(['payload', ...share.numerator], form);
  const b: number | undefined = Form.useWatch(['payload', ...share.denominator], form);
  const goal = share.goalPercent;
  if (a === undefined || b === undefined || a === null || b === null) return null;
  if (!b) return <Tag>{t('分母为 0', 'zero denominator')}</Tag>;
  const ok = a * 100 >= b * goal;
  return (
    <Tag color={ok ? 'success' : 'error'}>
      {((a * 100) / b).toFixed(2)}% {ok ? '≥' : '<'} {goal}%
    </Tag>
  );
}

/** A list's amounts summed (integers only: display, the rules decide). */
function sumOf(items: unknown, key: string): number {
  if (!Array.isArray(items)) return 0;
  return items.reduce<number>((s, item) => {
    const v = (item as Record<string, unknown> | null)?.[key];
    return s + (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
  }, 0);
}

/** The live cap: the call's request share (or the program's default) of a list's total. */
function Cap({ cap }: { cap: NonNullable<FormFieldLayout['cap']> }) {
  const { t } = useI18n();
  const { call, program } = useContext(Ctx);
  const form = Form.useFormInstance();
  const total = sumOf(Form.useWatch(['payload', cap.list], form), cap.amount);
  const share = call?.requestSharePercent ?? program?.callDefaults?.requestSharePercent ?? 100;
  const max = Math.floor((total * share) / 100);
  return (
    <Tooltip title={t(`不超过费用合计的 ${share}%`, `At most ${share}% of the costs`)}>
      <span>
        {t('上限', 'Cap')}: {formatFen(max)} ({share}%)
      </span>
    </Tooltip>
  );
}

/** Options for an antd select: the stored value (the label in the current language when the option has none). */
function toOptions(options: FormOption[] | undefined, pick: (t: I18nText) => string) {
  return options?.map((o): { value: string; label?: string } => {
    const label = o.label ? pick(o.label) : undefined;
    const value = o.value ?? label ?? '';
    return o.value !== undefined && label !== undefined ? { value, label } : { value };
  });
}

/** One field of a layout. */
function LayoutField({ field }: { field: FormFieldLayout }) {
  const { pick, v } = useI18n();
  const listed = toOptions(field.options, pick);
  const options =
    field.optionSource === 'businessTypes'
      ? Object.keys(BUSINESS_TYPES).map((c) => ({ value: c, label: v(BUSINESS_TYPES, c) }))
      : listed?.map((o) => ({ value: o.value, label: o.label ?? o.value }));
  const help =
    field.help || field.share || field.cap ? (
      <>
        {field.help ? pick(field.help) : null}
        {field.share ? <Share share={field.share} /> : null}
        {field.cap ? <Cap cap={field.cap} /> : null}
      </>
    ) : undefined;
  return (
    <PF
      path={field.path}
      label={pick(field.label)}
      kind={field.kind}
      options={options}
      rules={field.rules}
      help={help}
      width={field.width}
    />
  );
}

/** A repeatable list of objects: one row per item, labels on the first row, a total when the list has one. */
function LayoutList({ list }: { list: FormListLayout }) {
  const { t, pick } = useI18n();
  const form = Form.useFormInstance();
  const items: unknown = Form.useWatch(['payload', list.name], form);
  const input = (col: FormListLayout['columns'][number], testId: string) => {
    switch (col.kind) {
      case 'select':
        return <Select data-testid={testId} options={toOptions(col.options, pick)} />;
      case 'auto':
        return <AutoComplete data-testid={testId} options={toOptions(col.options, pick)} />;
      case 'date':
        return <DateInput testId={testId} />;
      case 'money':
        return <MoneyInput testId={testId} />;
      case 'check':
        return <Checkbox data-testid={testId} />;
      default:
        return <Input data-testid={testId} maxLength={col.maxLength} />;
    }
  };
  const add = (onAdd: (defaults: Record<string, string | number | boolean>) => void): ReactNode => (
    <Button
      type="dashed"
      icon={<PlusOutlined />}
      onClick={() => onAdd({ ...(list.addDefaults ?? {}) })}
      data-testid={`add-${list.name}`}
    >
      {pick(list.addLabel)}
    </Button>
  );
  return (
    <Form.List name={['payload', list.name]}>
      {(fields, { add: onAdd, remove }) => (
        <>
          {fields.map((f) => (
            <Row gutter={8} key={f.key}>
              {list.columns.map((col) => (
                <Col span={col.span} key={col.key}>
                  <Form.Item
                    name={[f.name, col.key]}
                    label={f.name === 0 ? pick(col.label) : undefined}
                    valuePropName={col.kind === 'check' ? 'checked' : 'value'}
                  >
                    {input(col, `field-${list.name}-${f.name}-${col.key}`)}
                  </Form.Item>
                </Col>
              ))}
              <Col span={2} style={{ paddingTop: f.name === 0 ? 34 : 6 }}>
                <MinusCircleOutlined onClick={() => remove(f.name)} data-testid={`remove-${list.name}-${f.name}`} />
              </Col>
            </Row>
          ))}
          {list.totalOf ? (
            <Space>
              {add(onAdd)}
              <Typography.Text data-testid={`${list.name}-total`}>
                {t('合计', 'Total')}: {formatFen(sumOf(items, list.totalOf))}
              </Typography.Text>
            </Space>
          ) : (
            add(onAdd)
          )}
        </>
      )}
    </Form.List>
  );
}

function Block({ block }: { block: FormBlock }) {
  if (block.rules) return <RuleHint keys={block.rules} />;
  if (block.row)
    return (
      <Row gutter={16}>
        {block.row.map((f) => (
          <Col span={f.span ?? 24} key={f.path.join('.')}>
            <LayoutField field={f} />
          </Col>
        ))}
      </Row>
    );
  if (block.field) return <LayoutField field={block.field} />;
  if (block.list) return <LayoutList list={block.list} />;
  return null;
}

/** The track's hand-laid sections (the program module's layout). */
function LayoutSections({ layout }: { layout: FormLayout }) {
  const { pick } = useI18n();
  return (
    <>
      {layout.sections.map((s, i) => (
        <Card key={i} size="small" title={pick(s.title)} style={{ marginBottom: 16 }}>
          {s.blocks.map((b, j) => (
            <Block key={j} block={b} />
          ))}
        </Card>
      ))}
    </>
  );
}

/** The top-level payload properties a layout shows or deliberately leaves out. */
function layoutFields(layout: FormLayout): string[] {
  const out = new Set<string>(layout.omit ?? []);
  for (const s of layout.sections)
    for (const b of s.blocks) {
      for (const f of [...(b.row ?? []), ...(b.field ? [b.field] : [])]) out.add(f.path[0]);
      if (b.list) out.add(b.list.name);
    }
  return [...out];
}

/**
 * The schema's top-level fields that no hand-laid section shows: for a program without one, every field. Labels are
 * the schema's `title` (Chinese) and `description` (English); the program's own rules are listed under them.
 */
function SchemaExtras({
  program,
  track,
  layout,
}: {
  program: Program;
  track: string | null;
  layout: FormLayout | null;
}) {
  const { schema } = useContext(Ctx);
  const { t, lang } = useI18n();
  const known = layout ? layoutFields(layout) : [];
  const props: Record<string, SchemaNode> = schema?.properties ?? {};
  const extras = Object.entries(props).filter(
    ([k, s]) => k !== 'declaration' && !known.includes(k) && s && typeof s === 'object',
  );
  if (!extras.length) return null;
  const kindOf = (k: string, s: SchemaNode): Kind => {
    if (k.endsWith('Fen')) return 'money';
    if (s.enum) return 'select';
    if (s.type === 'boolean') return 'bool';
    if (s.type === 'integer' || s.type === 'number') return 'int';
    if (s.format === 'date') return 'date';
    if (s.type === 'array' && s.items?.enum) return 'multi';
    if (s.type === 'string') return (s.maxLength ?? 0) > 300 ? 'textarea' : 'text';
    return 'text';
  };
  const renderable = extras.filter(([, s]) => s.type !== 'object' && !(s.type === 'array' && !s.items?.enum));
  if (!renderable.length) return null;
  const label = (k: string, s: SchemaNode): string => (lang === 'en' ? s.description : s.title) ?? s.title ?? k;
  const programRules = program.rules
    .filter((r) => !r.common && (!r.tracks || (track !== null && r.tracks.includes(track))))
    .map((r) => r.key);
  return (
    <Card
      size="small"
      title={layout ? t('其他信息', 'Other information') : t('申报信息', 'Application details')}
      style={{ marginBottom: 16 }}
      data-testid="schema-form"
    >
      {renderable.map(([k, s]) => (
        <PF key={k} path={[k]} label={label(k, s)} kind={kindOf(k, s)} />
      ))}
      {layout ? null : <RuleHint keys={programRules} />}
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
  const form = formFor(program, track);
  const schema = (form?.schema as SchemaNode | undefined) ?? null;
  const layout = form?.layout ?? null;
  return (
    <Ctx.Provider value={{ schema, eligibility, track, call, program }}>
      {layout ? (
        <LayoutSections layout={layout} />
      ) : (
        <Typography.Paragraph type="secondary">
          {t('该项目的表单由结构定义生成。', 'This program’s form is built from its schema.')}
        </Typography.Paragraph>
      )}
      <SchemaExtras program={program} track={track} layout={layout} />
      <Declaration />
    </Ctx.Provider>
  );
}

/** The payload field (dot-joined path) a rule's result points at, for the side panel's links; undefined if none. */
export function ruleAnchor(program: Program | undefined, track: string | null, rule: string): string | undefined {
  if (rule === 'common.declaration') return 'declaration';
  const layout = formFor(program, track)?.layout;
  for (const s of layout?.sections ?? [])
    for (const b of s.blocks) {
      for (const f of [...(b.row ?? []), ...(b.field ? [b.field] : [])])
        if (f.rules?.includes(rule)) return f.path.join('.');
      if (b.anchor && b.rules?.includes(rule)) return b.anchor;
    }
  return undefined;
}
