import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { DismissalPageResponseDto, DismissalResponseDto } from './dto/dismissal-response.dto';
import { DismissalsService } from './dismissals.service';

@ApiTags('dismissals')
@Authenticated()
@Controller('v1/users/me/dismissals')
export class DismissalsController {
  constructor(private readonly dismissals: DismissalsService) {}

  @Put(':movieId')
  @ApiOperation({
    summary: 'Not interested: never recommend this movie again (nor list it as similar for you)',
    description:
      'Also counts as negative feedback: movies like it move down your recommendations. ' +
      'Idempotent: a repeated PUT keeps the first dismissedAt.',
  })
  @ApiOkResponse({ type: DismissalResponseDto })
  @ApiErrorResponses(400, 404)
  dismiss(
    @CurrentUser() user: AuthUser,
    @Param('movieId', PositiveIntPipe) movieId: number,
  ): Promise<DismissalResponseDto> {
    return this.dismissals.dismiss(user.id, movieId);
  }

  @Get()
  @ApiOperation({ summary: 'The movies you dismissed, newest first' })
  @ApiOkResponse({ type: DismissalPageResponseDto })
  @ApiErrorResponses(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<DismissalPageResponseDto> {
    return this.dismissals.listForUser(user.id, query);
  }

  @Delete(':movieId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Undo a dismissal: the movie may be recommended again' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  undo(
    @CurrentUser() user: AuthUser,
    @Param('movieId', PositiveIntPipe) movieId: number,
  ): Promise<void> {
    return this.dismissals.undo(user.id, movieId);
  }
}
