import { FormField, FormLayout, FormListColumn, FormOption, JsonSchema, layoutFields } from '@portal/programs';
import { yuan } from '@portal/notifications';
import { DossierLine } from './dossier-section';

const EMPTY = '—';

function at(payload: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = payload;
  for (const k of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function optionLabel(options: FormOption[] | undefined, value: unknown): string | null {
  const o = options?.find((x) => (x.value ?? x.label?.zh) === value);
  return o?.label?.zh ?? null;
}

/** A payload value as printed text, by the field's kind (money in 元, yes/no in Chinese, option labels). */
export function printValue(
  value: unknown,
  kind: FormField['kind'] | FormListColumn['kind'] | undefined,
  options?: FormOption[],
): string {
  if (value === undefined || value === null || value === '') return EMPTY;
  if (Array.isArray(value)) {
    if (!value.length) return EMPTY;
    return value.map((v) => printValue(v, kind === 'multi' ? 'select' : kind, options)).join('、');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (kind === 'money' && (typeof value === 'number' || typeof value === 'string') && /^-?\d+$/.test(String(value)))
    return yuan(value);
  if ((kind === 'select' || kind === 'auto' || kind === 'multi') && options) {
    const label = optionLabel(options, value);
    if (label) return label;
  }
  if (typeof value === 'object') return plainObject(value as Record<string, unknown>);
  return String(value);
}

function plainObject(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}：${printValue(v, undefined)}`)
    .join('；');
}

function schemaTitle(schema: JsonSchema, key: string): string {
  const props = (schema.properties as Record<string, { title?: string; description?: string }> | undefined) ?? {};
  return props[key]?.title ?? key;
}

/**
 * The form as filled, labelled as the program's form shows it (its layout: sections, rows, lists, option labels in
 * Chinese); payload fields the layout does not show (and does not omit on purpose) follow under 其他内容 with their
 * schema titles. A track without a layout prints every schema field by its title.
 */
export function formLines(
  payload: Record<string, unknown>,
  layout: FormLayout | null,
  schema: JsonSchema,
): DossierLine[] {
  const out: DossierLine[] = [];
  const shown = new Set<string>();
  if (layout) {
    for (const s of layout.sections) {
      out.push({ kind: 'heading', text: s.title.zh });
      for (const b of s.blocks) {
        for (const f of [...(b.row ?? []), ...(b.field ? [b.field] : [])]) {
          shown.add(f.path[0]);
          out.push({ kind: 'field', label: f.label.zh, value: printValue(at(payload, f.path), f.kind, f.options) });
        }
        if (b.list) {
          shown.add(b.list.name);
          const items = at(payload, [b.list.name]);
          const rows = Array.isArray(items)
            ? items.map((it) =>
                b.list!.columns.map((c) =>
                  printValue(
                    it && typeof it === 'object' ? (it as Record<string, unknown>)[c.key] : undefined,
                    c.kind,
                    c.options,
                  ),
                ),
              )
            : [];
          out.push({
            kind: 'table',
            columns: b.list.columns.map((c) => c.label.zh),
            rows,
            widths: b.list.columns.map((c) => c.span),
          });
        }
      }
    }
    for (const k of layout.omit ?? []) shown.add(k);
    for (const k of layoutFields(layout)) shown.add(k);
  }
  const rest = Object.keys(payload).filter((k) => !shown.has(k));
  if (rest.length) {
    if (layout) out.push({ kind: 'heading', text: '其他内容' });
    for (const k of rest)
      out.push({ kind: 'field', label: schemaTitle(schema, k), value: printValue(payload[k], undefined) });
  }
  return out;
}
