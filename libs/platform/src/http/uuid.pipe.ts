import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** A path id that is not a UUID cannot name anything: 404, like any other unknown id. */
export const UuidPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('not-found', 'RESOURCE.NOT_FOUND', { zh: '记录不存在', en: 'Not found' }) as any,
});
