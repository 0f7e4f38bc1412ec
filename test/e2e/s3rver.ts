/** The in-process fake S3 server (s3rver) the S3 storage specs run against, typed for what they use. */
export interface S3rverOptions {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}

export interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no type declarations; typed here
export const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverServer;
