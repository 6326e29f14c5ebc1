import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ChainlitRtError, HttpError } from '../errors.js';
import { isValidObjectKey, type ObjectStorage } from './types.js';

/** The manifest's `storage.s3` section (Chainlit's S3 storage client settings). */
export interface S3Settings {
  bucket?: string;
  region?: string;
  endpoint?: string;
  access_key_id?: string;
  secret_access_key?: string;
  prefix?: string;
  force_path_style?: boolean;
}

async function toBuffer(data: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(data)) return data;
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function missing(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404);
}

/**
 * Element files in an S3-compatible bucket (AWS S3, MinIO, R2, …), under `prefix`. A
 * stream is read into memory before the upload, since a plain PutObject needs its length
 * (element files are bounded by the upload limits).
 */
export function createS3Storage(settings: S3Settings): ObjectStorage {
  if (!settings.bucket) {
    throw new ChainlitRtError('CRT_CONFIG', '`storage.kind: s3` needs a bucket: set `storage.s3.bucket` or BUCKET_NAME.', { expose: true });
  }
  const bucket = settings.bucket;
  const prefix = settings.prefix ?? '';
  const compatible = Boolean(settings.endpoint);
  const client = new S3Client({
    region: settings.region || 'us-east-1',
    endpoint: settings.endpoint || undefined,
    forcePathStyle: settings.force_path_style ?? compatible,
    credentials:
      settings.access_key_id && settings.secret_access_key
        ? { accessKeyId: settings.access_key_id, secretAccessKey: settings.secret_access_key }
        : undefined,
    // S3-compatible services often lack the newer default checksums (aws-chunked trailers).
    ...(compatible ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
  });

  function objectKey(key: string): string {
    if (!isValidObjectKey(key)) throw new ChainlitRtError('CRT_BAD_PAYLOAD', `Invalid storage key "${key}"`, { expose: true, status: 400 });
    return `${prefix}${key}`;
  }

  return {
    async putObject(key, data, meta) {
      const body = await toBuffer(data);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: body, ContentType: meta.mime, ContentLength: body.length }));
      return { key, size: body.length };
    },

    async readObject(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        if (res.Body instanceof Readable) return res.Body;
        return Readable.from(Buffer.from(await res.Body!.transformToByteArray()));
      } catch (err) {
        if (missing(err)) throw new HttpError(404, 'File not found');
        throw err;
      }
    },

    async deleteObject(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      } catch (err) {
        if (!missing(err)) throw err;
      }
    },

    async close() {
      client.destroy();
    },
  };
}
