import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { HistoryQueryDto } from './dto/history-query.dto';
import { RecordWatchDto } from './dto/record-watch.dto';
import { HistoryPageResponseDto, WatchEventResponseDto } from './dto/watch-event-response.dto';
import { HistoryService } from './history.service';

@ApiTags('history')
@Authenticated()
@Controller('v1/users/me/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Post()
  @ApiOperation({ summary: 'Record that you watched (part of) a movie' })
  @ApiCreatedResponse({ type: WatchEventResponseDto })
  @ApiErrorResponses(400, 404)
  record(
    @CurrentUser() user: AuthUser,
    @Body() body: RecordWatchDto,
  ): Promise<WatchEventResponseDto> {
    return this.history.record(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your watch history, newest first, paged by cursor' })
  @ApiOkResponse({ type: HistoryPageResponseDto })
  @ApiErrorResponses(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: HistoryQueryDto,
  ): Promise<HistoryPageResponseDto> {
    return this.history.list(user.id, query);
  }
}
