import { Provider } from '@nestjs/common';
import { join } from 'path';
import { PortalConfig } from '@portal/platform';
import { LocalStorageService } from './local-storage.service';
import { S3StorageService } from './s3-storage.service';
import { StorageService } from './storage.service';

/** STORAGE_DRIVER=local (default: STORAGE_DIR) or s3 (S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY). */
export const storageProvider: Provider = {
  provide: StorageService,
  inject: [PortalConfig],
  useFactory: (config: PortalConfig): StorageService => {
    if (config.STORAGE_DRIVER === 's3') {
      if (!config.S3_BUCKET) throw new Error('Configuration error: STORAGE_DRIVER=s3 needs S3_BUCKET');
      return new S3StorageService({
        endpoint: config.S3_ENDPOINT,
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        scratchDir: join(config.STORAGE_DIR, 'scratch'),
      });
    }
    return new LocalStorageService(config.STORAGE_DIR);
  },
};
