import type { FastifyRequest } from 'fastify';
import { EVENT_IMAGE_KINDS, type EventImageKind } from '@wutong/shared';
import { DomainException } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { MAX_IMAGE_BYTES, unsupportedImage } from './image-processing';

/** @fastify/multipart's settings (registered in app.factory.ts): one file of 10 MB and a few short fields. */
export const MULTIPART_OPTIONS = {
  limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 100 },
};

const invalid = (field: string, rule: string, message: string) =>
  new DomainException('VALIDATION_FAILED', [fieldError(field, rule, message)]);

/**
 * Reads `kind` and `file` of a multipart upload, in either order. A file over 10 MB is
 * UNSUPPORTED_IMAGE (the rest of the body is drained, so the client reads the answer).
 */
export async function readImageUpload(
  request: FastifyRequest,
): Promise<{ kind: EventImageKind; file: Buffer }> {
  if (!request.isMultipart())
    throw invalid('file', 'multipart', 'send the picture as the field "file" of multipart/form-data');
  let kind: string | undefined;
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts(MULTIPART_OPTIONS)) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          continue;
        }
        file = await part.toBuffer();
      } else if (part.fieldname === 'kind') kind = String(part.value);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      await drain(request);
      throw unsupportedImage();
    }
    if (typeof code === 'string' && code.startsWith('FST_')) {
      await drain(request);
      throw new DomainException('BAD_REQUEST');
    }
    throw error;
  }
  if (!kind || !(EVENT_IMAGE_KINDS as readonly string[]).includes(kind))
    throw invalid('kind', 'isIn', 'kind must be one of the following values: cover, photo');
  if (!file || file.length === 0) throw invalid('file', 'required', 'file must be a picture');
  return { kind: kind as EventImageKind, file };
}

/** Reads what is left of the request body (at most a few seconds' worth) and drops it. */
async function drain(request: FastifyRequest): Promise<void> {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((done) => {
    const timer = setTimeout(done, 5000);
    raw.on('end', () => {
      clearTimeout(timer);
      done();
    });
    raw.on('error', () => {
      clearTimeout(timer);
      done();
    });
    raw.resume();
  });
}
