import { Type } from '@nestjs/common';
import { ApiProperty, ApiResponseOptions } from '@nestjs/swagger';

/**
 * Helpers for describing answers in the OpenAPI document (`/api/docs-json`), from which the web client's types are
 * generated (apps/web/src/api/schema.d.ts). Response classes carry only `@ApiProperty` decorators; the views the
 * services build stay plain objects.
 */

/** `{ zh, en }`: a text shown to people. */
export class I18nTextResponse {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The page class of a list endpoint: `{ items: T[], total, page, pageSize }`, named `<T>Page`. */
export function pageOf<T>(item: Type<T>): Type<{ items: T[]; total: number; page: number; pageSize: number }> {
  let cls = pages.get(item);
  if (!cls) {
    class PageResponse {
      @ApiProperty({ type: [item] }) items: T[];
      @ApiProperty() total: number;
      @ApiProperty() page: number;
      @ApiProperty() pageSize: number;
    }
    Object.defineProperty(PageResponse, 'name', { value: `${item.name.replace(/Response$/, '')}Page` });
    pages.set(item, PageResponse);
    cls = PageResponse;
  }
  return cls as Type<{ items: T[]; total: number; page: number; pageSize: number }>;
}

/** A file answer (downloads): the bytes in one of the given media types. */
export function fileResponse(description: string, ...mediaTypes: string[]): ApiResponseOptions {
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  };
}

/** A free-form JSON object (program payloads, details): `{ [key: string]: unknown }`. */
export const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;
