import { ParseUUIDPipe } from '@nestjs/common';
import { PLATFORM_ERRORS } from '../errors/platform-errors';

/** A path id that is not a UUID cannot name anything: 404, like any other unknown id. */
export const UuidPipe = new ParseUUIDPipe({
  // Nest types the factory's result as `any`; a DomainError is what the error filter answers with
  exceptionFactory: () => PLATFORM_ERRORS['RESOURCE.NOT_FOUND'](),
});
