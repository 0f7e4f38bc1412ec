export * from './storage.service';
export * from './storage.module';
export { LocalStorageService } from './local-storage.service';
export { S3StorageService } from './s3-storage.service';
