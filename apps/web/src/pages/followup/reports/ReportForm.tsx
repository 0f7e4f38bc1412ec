/**
 * A report's form drawn from its JSON Schema (GET /api/programs → reports[].formSchema): text, long text, dates,
 * money (fields ending in `Fen`, entered in yuan, kept in fen), lists of rows and nested objects. Labels are the
 * schema's `title` (Chinese) and `description` (English). Values live under `payload` in the antd form.
 */
import { Button, Card, Col, Form, Input, Row } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import { MoneyInput } from '../../../components/common';

export interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  maxLength?: number;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

function resolve(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.$ref?.startsWith('#/definitions/')) return root.definitions?.[node.$ref.slice('#/definitions/'.length)];
  return node;
}

type Path = (string | number)[];
const tid = (path: Path) => `report-field-${path.join('-')}`;

/** One input; Form.Item hands it `value` and `onChange`, which go on to the control. */
function Leaf({
  node,
  label,
  testPath,
  value,
  onChange,
  id,
}: {
  node: SchemaNode;
  label?: string;
  testPath: Path;
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}) {
  const key = String(testPath[testPath.length - 1]);
  const text = {
    id,
    value: (value as string | undefined) ?? undefined,
    onChange: (e: { target: { value: string } }) => onChange?.(e.target.value === '' ? undefined : e.target.value),
    'data-testid': tid(testPath),
  };
  if (key.endsWith('Fen'))
    return <MoneyInput id={id} value={value as number | undefined} onChange={onChange} testId={tid(testPath)} />;
  if (node.format === 'date') return <Input {...text} placeholder="YYYY-MM-DD" maxLength={10} />;
  if ((node.maxLength ?? 0) > 300)
    return <Input.TextArea {...text} rows={4} maxLength={node.maxLength} aria-label={label} />;
  return <Input {...text} maxLength={node.maxLength} />;
}

function Fields({ root, node, base, testBase }: { root: SchemaNode; node: SchemaNode; base: Path; testBase: Path }) {
  const { t, lang } = useI18n();
  const label = (s: SchemaNode, k: string) => (lang === 'en' ? s.description : s.title) ?? s.title ?? k;
  return (
    <>
      {Object.entries(node.properties ?? {}).map(([k, raw]) => {
        const s = resolve(root, raw);
        if (!s) return null;
        const required = node.required?.includes(k) ?? false;
        const name = [...base, k];
        const testPath = [...testBase, k];
        if (s.type === 'array') {
          const item = resolve(root, s.items);
          const cols = Object.entries(item?.properties ?? {});
          return (
            <Form.Item key={k} label={label(s, k)} required={required}>
              <Form.List name={name}>
                {(rows, { add, remove }) => (
                  <>
                    {rows.map((r) => (
                      <Row gutter={8} key={r.key}>
                        {cols.map(([ck, craw]) => {
                          const c = resolve(root, craw) ?? {};
                          return (
                            <Col span={Math.floor(22 / Math.max(1, cols.length))} key={ck}>
                              <Form.Item name={[r.name, ck]} label={r.name === 0 ? label(c, ck) : undefined}>
                                <Leaf node={c} testPath={[...testPath, r.name, ck]} />
                              </Form.Item>
                            </Col>
                          );
                        })}
                        <Col span={2} style={{ paddingTop: r.name === 0 ? 34 : 6 }}>
                          <MinusCircleOutlined onClick={() => remove(r.name)} data-testid={`remove-${k}-${r.name}`} />
                        </Col>
                      </Row>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`add-${k}`}>
                      {t('添加一行', 'Add a row')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
          );
        }
        if (s.type === 'object' || s.properties)
          return (
            <Card key={k} size="small" title={label(s, k)} style={{ marginBottom: 12 }}>
              <Fields root={root} node={s} base={name} testBase={testPath} />
            </Card>
          );
        return (
          <Form.Item key={k} name={name} label={label(s, k)} required={required}>
            <Leaf node={s} label={label(s, k)} testPath={testPath} />
          </Form.Item>
        );
      })}
    </>
  );
}

/** The fields of a report's form (inside an antd Form whose values hold `payload`). */
export function ReportFields({ schema }: { schema: SchemaNode }) {
  return <Fields root={schema} node={schema} base={['payload']} testBase={[]} />;
}
