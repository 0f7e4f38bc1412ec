/** The part of a multer file this code reads (memory storage). */
export interface UploadedBytes {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}
