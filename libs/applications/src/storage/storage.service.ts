// The storage is its own lib now (@portal/storage). This re-export only keeps libs/applications/src/tus (another
// engineer's folder) compiling until its import names @portal/storage; delete it then.
export { type ByteRange, StorageService } from '@portal/storage';
