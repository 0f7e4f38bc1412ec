import { Module } from '@nestjs/common';
import { storageProvider } from './storage.provider';
import { StorageService } from './storage.service';

/**
 * The one StorageService (local directory or S3-compatible, see storageProvider), for every module that keeps files:
 * the applications' attachments and the objections' evidence (awards), which needs the storage but not the rest of
 * the applications module.
 */
@Module({
  providers: [storageProvider],
  exports: [StorageService],
})
export class StorageModule {}
