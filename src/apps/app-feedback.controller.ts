import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth } from '../api-keys/api-key-auth.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { AppFeedbackService } from './app-feedback.service';
import { FeedbackBatchDto, FeedbackBatchResponseDto } from './dto/feedback-batch.dto';
import { FeedbackBatch, FeedbackBatchPipe } from './feedback-batch.pipe';

@ApiTags('apps')
@Controller('v1/apps/feedback')
export class AppFeedbackController {
  constructor(private readonly feedback: AppFeedbackService) {}

  @Post()
  @HttpCode(200)
  @ApiKeyAuth('feedback:write')
  @ApiOperation({
    summary: 'Up to 1,000 feedback events in one request (feedback:write)',
    description:
      'Ratings, watches and dismissals of any users, movies by id, IMDb id or TMDB id. Each ' +
      'event is checked on its own: bad ones are reported by index in `errors`, the others are ' +
      'stored together in one transaction. The same event sent again changes nothing. Bodies ' +
      'up to 1 MiB.',
  })
  @ApiBody({ type: FeedbackBatchDto, required: true })
  @ApiOkResponse({ type: FeedbackBatchResponseDto })
  @ApiErrorResponses(400, 413)
  ingest(@Body(FeedbackBatchPipe) body: FeedbackBatch): Promise<FeedbackBatchResponseDto> {
    return this.feedback.ingest(body.events);
  }
}
