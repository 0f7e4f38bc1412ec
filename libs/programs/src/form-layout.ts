import type { I18nText } from './i18n-text';

/**
 * How the web lays out a track's application form (GET /api/programs → forms[].layout): sections of rows, fields,
 * lists and rule hints, with labels, options and live hints. Display only: what a payload may hold is the DTO's
 * business (its JSON Schema marks required fields, limits and enum values); which rules pass is the rules'.
 * A track without a layout gets every schema field in one generic section.
 */

/** How a field is edited. */
export type FormFieldKind =
  'text' | 'textarea' | 'money' | 'int' | 'date' | 'bool' | 'check' | 'select' | 'multi' | 'auto';

/** A choice: `value` is what the payload stores; without one, the label in the current language is the value. */
export interface FormOption {
  value?: string;
  label?: I18nText;
}

/** A live share a / b in percent against a goal (display only: the rules compare exact integers). Paths from the payload. */
export interface FormShareHint {
  numerator: string[];
  denominator: string[];
  goalPercent: number;
}

/**
 * A live cap: `percent` of the sum of `amount` over the list `list`, where percent is the call's request share
 * (or the program's default, ProgramDefinition.callDefaults).
 */
export interface FormCapHint {
  list: string;
  amount: string;
}

export interface FormField {
  /** The path from the payload root, e.g. ['income', 'totalFen']. */
  path: string[];
  label: I18nText;
  kind?: FormFieldKind; // text when absent
  /** Column span (of 24) inside a row. */
  span?: number;
  /** Labels for enum values (select, multi), suggestions (auto). */
  options?: FormOption[];
  /** Where the options come from instead: a catalogue the web already has (e.g. the business types). */
  optionSource?: 'businessTypes';
  /** Rule keys whose results are shown under the field (and whose "go to" lands here). */
  rules?: string[];
  help?: I18nText;
  share?: FormShareHint;
  cap?: FormCapHint;
  /** A fixed width in pixels (money inputs). */
  width?: number;
}

/** A column of a repeatable list of objects. */
export interface FormListColumn {
  key: string;
  label: I18nText;
  kind: 'text' | 'select' | 'auto' | 'date' | 'money' | 'check';
  span: number;
  options?: FormOption[];
  maxLength?: number;
}

export interface FormList {
  /** The payload property holding the array. */
  name: string;
  columns: FormListColumn[];
  addLabel: I18nText;
  /** The new item's initial values. */
  addDefaults?: Record<string, string | number | boolean>;
  /** A column of amounts whose total is shown beside the add button. */
  totalOf?: string;
}

/** One block of a section: exactly one of rules, row, field, list. */
export interface FormBlock {
  /** Rule results shown here; `anchor` is the field path (dot-joined) their "go to" lands on. */
  rules?: string[];
  anchor?: string;
  /** Fields side by side. */
  row?: FormField[];
  /** One field, full width. */
  field?: FormField;
  list?: FormList;
}

export interface FormSection {
  title: I18nText;
  blocks: FormBlock[];
}

export interface FormLayout {
  sections: FormSection[];
  /** Top-level payload fields that this track's form does not show (the generic section leaves them out too). */
  omit?: string[];
}

/** The top-level payload properties a layout shows. */
export function layoutFields(layout: FormLayout): string[] {
  const out = new Set<string>();
  for (const s of layout.sections)
    for (const b of s.blocks) {
      for (const f of [...(b.row ?? []), ...(b.field ? [b.field] : [])]) out.add(f.path[0]);
      if (b.list) out.add(b.list.name);
    }
  return [...out];
}

/** Every rule key a layout names. */
export function layoutRules(layout: FormLayout): string[] {
  const out = new Set<string>();
  for (const s of layout.sections)
    for (const b of s.blocks) {
      for (const k of b.rules ?? []) out.add(k);
      for (const f of [...(b.row ?? []), ...(b.field ? [b.field] : [])]) for (const k of f.rules ?? []) out.add(k);
    }
  return [...out];
}
