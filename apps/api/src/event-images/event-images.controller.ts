import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventImageUploaded } from '@wutong/shared';
import { CurrentUser, OptionalUser, Public, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsFile } from '../openapi/returns.decorator';
import { EventImagesService, type ServedImage } from './event-images.service';
import { readImageUpload } from './upload';

const YEAR = 365 * 24 * 3600;
const PICTURE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** The stored picture, in the type it was uploaded as. */
const ReturnsPicture = () =>
  applyDecorators(
    ApiProduces(...PICTURE_TYPES),
    ApiResponse({
      status: 200,
      description: 'The picture, re-encoded without metadata (JPEG, PNG or WebP)',
      content: Object.fromEntries(
        PICTURE_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
      ),
    }),
  );

@ApiTags('events')
@ApiBearerAuth()
@Controller('events/:id/images')
export class EventImagesController {
  constructor(private readonly images: EventImagesService) {}

  /** A cover (replacing the one before) or a photo: JPEG, PNG or WebP of at most 10 MB. */
  @Post()
  @Roles('organizer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: ['cover', 'photo'] },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @Returns('EventImageUploaded', { status: 201 })
  async upload(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<EventImageUploaded> {
    // Refused before the upload is read: another carrier's organizer sends no 10 MB for nothing.
    await this.images.authorize(user, id);
    const { kind, file } = await readImageUpload(request);
    return this.images.upload(user, id, kind, file);
  }

  @Delete(':imageId')
  @Roles('organizer', 'admin')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('imageId', UuidParamPipe) imageId: string,
  ): Promise<void> {
    await this.images.remove(user, id, imageId);
  }

  /** The stored picture (its id never changes, so it is cached for a year). */
  @Get(':imageId')
  @Public()
  @ReturnsPicture()
  async file(
    @OptionalUser() viewer: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Param('imageId', UuidParamPipe) imageId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return send(reply, await this.images.file(viewer, id, imageId, 'full'));
  }

  /** A JPEG of at most 480 px on its longest side. */
  @Get(':imageId/thumbnail')
  @Public()
  @ReturnsFile('image/jpeg', 'The thumbnail (JPEG)')
  async thumbnail(
    @OptionalUser() viewer: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Param('imageId', UuidParamPipe) imageId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return send(reply, await this.images.file(viewer, id, imageId, 'thumbnail'));
  }
}

function send(reply: FastifyReply, image: ServedImage): Buffer {
  void reply
    .header('content-type', image.contentType)
    // A draft's pictures are for its organizers: never kept by a shared cache.
    .header('cache-control', `${image.draft ? 'private' : 'public'}, max-age=${YEAR}, immutable`)
    .header('x-content-type-options', 'nosniff');
  return image.data;
}
