import { Type } from '@nestjs/common';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ProgramDefinition } from '../program-definition';

/** A JSON Schema object (draft-07 style, nested DTOs under `definitions`). */
export type JsonSchema = Record<string, unknown>;

const REF_PREFIX = '#/definitions/';

// class-transformer keeps its @Type metadata here; the package ships no typings for this path (its types live in
// class-transformer/types/storage), hence the require.
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped deep path of a CommonJS package
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

function allSchemas(): Record<string, JsonSchema> {
  return validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    classValidatorMetadataStorage: getMetadataStorage(),
    refPointerPrefix: REF_PREFIX,
    // Our custom validators (isDateOnly, isObjectEach) describe themselves through @JSONSchema; the default
    // converter would turn the property's design type into a bogus $ref (#/definitions/Array).
    additionalConverters: { [ValidationTypes.CUSTOM_VALIDATION]: {} },
  }) as Record<string, JsonSchema>;
}

/** A `$ref` ignores its siblings in draft-07: keep only the reference and the labels beside it. */
function tidyRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidyRefs);
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string') {
    const { $ref, title, description } = obj;
    return { $ref, ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) };
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, tidyRefs(v)]));
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    node.forEach((n) => collectRefs(n, into));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) into.add(v.slice(REF_PREFIX.length));
      else collectRefs(v, into);
    }
  }
}

/**
 * The JSON Schema of one DTO class, self-contained: nested DTOs it references are included under
 * `definitions`. Unknown properties are not allowed (the API whitelists).
 * DTO class names must be unique across the process (prefix them with the program).
 */
/**
 * The class's schema with the properties of the classes it extends (parents' first): the schema generator keys
 * schemas by class and leaves inherited fields out (report forms extend a common one).
 */
function withInherited(schemas: Record<string, JsonSchema>, dto: Type<object>): JsonSchema | undefined {
  const chain: JsonSchema[] = [];
  for (let c: unknown = dto; typeof c === 'function' && c !== Function.prototype && (c as Type<object>).name;) {
    const own = schemas[(c as Type<object>).name];
    if (own) chain.unshift(own);
    c = Object.getPrototypeOf(c);
  }
  if (chain.length <= 1) return chain[0];
  const props = (x: JsonSchema) => (x.properties as Record<string, unknown> | undefined) ?? {};
  const req = (x: JsonSchema) => (x.required as string[] | undefined) ?? [];
  const merged: JsonSchema = { ...chain[chain.length - 1] };
  merged.properties = Object.assign({}, ...chain.map(props));
  const required = [...new Set(chain.flatMap(req))];
  if (required.length) merged.required = required;
  return merged;
}

export function dtoToJsonSchema(dto: Type<object>): JsonSchema {
  const schemas = allSchemas();
  const strict = (s: JsonSchema): JsonSchema => ({ ...(tidyRefs(s) as JsonSchema), additionalProperties: false });
  const root = withInherited(schemas, dto);
  if (!root) return { type: 'object', additionalProperties: false, properties: {} };
  const needed = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const refs = new Set<string>();
    collectRefs(queue.pop(), refs);
    for (const name of refs) {
      if (!needed.has(name) && schemas[name]) {
        needed.add(name);
        queue.push(schemas[name]);
      }
    }
  }
  const definitions = Object.fromEntries([...needed].sort().map((name) => [name, strict(schemas[name])]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: dto.name,
    ...strict(root),
    ...(needed.size ? { definitions } : {}),
  };
}

/**
 * The program's form schema: the payload DTO's schema when every track shares one DTO, else an object
 * keyed by track code, each value the schema of that track's DTO.
 */
export function programFormSchema(def: ProgramDefinition): JsonSchema {
  const tracks = def.tracks.length ? def.tracks.map((t) => t.code) : [null];
  const dtos = tracks.map((t) => def.payloadDto(t));
  if (new Set(dtos).size === 1) return dtoToJsonSchema(dtos[0]);
  return Object.fromEntries(tracks.map((t, i) => [t as string, dtoToJsonSchema(dtos[i])]));
}
