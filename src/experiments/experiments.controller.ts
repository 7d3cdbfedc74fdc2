import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { CreateExperimentDto } from './dto/create-experiment.dto';
import { ExperimentListResponseDto, ExperimentResponseDto } from './dto/experiment-response.dto';
import { ExperimentsService } from './experiments.service';
import { MAX_VARIANTS } from './variant-assignment';

const RESULTS =
  'Results per variant: lists, users, impressions (movies shown), conversions and positive ' +
  'ones, attributed as GET /v1/admin/online-metrics does; click-through (conversions / ' +
  'impressions) and positive-feedback rate (positives / impressions), each with its 95% Wilson ' +
  'interval; for each variant after the first (the control): the click-through difference, ' +
  'its 95% interval and the p-value of a two-proportion z-test, and the impressions each ' +
  'variant needs to detect that difference at alpha 0.05 with power 0.8 (`method` says so). ' +
  'One shown movie counts as one trial although users are what is split, so the intervals ' +
  'are optimistic when a few users see most lists.';

@ApiTags('admin')
@Authenticated('admin')
@Controller('v1/admin/experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Start an A/B experiment between stored model versions (admin)',
    description:
      `2 to ${MAX_VARIANTS} variants, each a ready model version with its bytes; every server ` +
      'process holds each variant’s model in memory, hence the cap. Signed-in users (accounts ' +
      'and apps’ users) are split by a stable hash of the experiment id and user id against ' +
      'the shares, so each user sees one variant for the experiment’s whole life, on every ' +
      'process; their recommendation and similar-movies lists say `variant` and are recorded ' +
      'with it. Visitors (POST /v1/recommendations/session), similar movies without a token and ' +
      'an app’s user with no feedback yet are served by the serving model, `variant` null, and ' +
      'are not counted. Every process follows within a second. One experiment runs at a time: ' +
      'a second start is 409 naming the running one. Unknown version 404; a version not ready ' +
      'or without its bytes 409.',
  })
  @ApiCreatedResponse({ type: ExperimentResponseDto })
  @ApiErrorResponses(400, 404, 409)
  start(@Body() body: CreateExperimentDto): Promise<ExperimentResponseDto> {
    return this.experiments.start(body);
  }

  @Get()
  @ApiOperation({
    summary: 'The 20 most recent experiments with their results, newest first (admin)',
    description: RESULTS,
  })
  @ApiOkResponse({ type: ExperimentListResponseDto })
  list(): Promise<ExperimentListResponseDto> {
    return this.experiments.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'An experiment and its results so far (admin)', description: RESULTS })
  @ApiOkResponse({ type: ExperimentResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', PositiveIntPipe) id: number): Promise<ExperimentResponseDto> {
    return this.experiments.get(id);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Stop an experiment and answer its final results (admin)',
    description:
      'Every process serves everyone the serving model again within a second (`variant` ' +
      'null). The experiment and its results stay (GET /v1/admin/experiments/{id}); feedback ' +
      'on its lists within ATTRIBUTION_WINDOW_HOURS still counts, so later reads may count ' +
      'more. Stopping a stopped experiment changes nothing and answers the same.',
  })
  @ApiOkResponse({ type: ExperimentResponseDto })
  @ApiErrorResponses(400, 404)
  stop(@Param('id', PositiveIntPipe) id: number): Promise<ExperimentResponseDto> {
    return this.experiments.stop(id);
  }
}
