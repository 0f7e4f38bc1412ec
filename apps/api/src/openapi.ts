import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document the API serves at /api/docs-json. The web client's types (apps/web/src/api/schema.d.ts) are
 * generated from the same function by `npm run gen:api`, on an app created in Nest's preview mode (no database).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('动漫扶持申报平台 API / Animation Support Portal API')
    .setDescription('The HTTP contract of the portal (shared/API.md).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
