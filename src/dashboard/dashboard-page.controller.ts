import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  DashboardAsset,
  DASHBOARD_FOLDER,
  findAppRoot,
  loadDashboardAssets,
} from './dashboard-assets';
import { join } from 'node:path';

/**
 * The dashboard page and its files: public (the page signs in with the admin's account and
 * calls the admin data routes with that token). Plain HTML, CSS and JavaScript with no inline
 * script, so the app's Content-Security-Policy (script-src 'self') applies unchanged.
 */
@ApiTags('admin')
@Controller('dashboard')
export class DashboardPageController {
  private readonly assets = loadDashboardAssets(join(findAppRoot(__dirname), DASHBOARD_FOLDER));

  @Get()
  @ApiOperation({
    summary: 'The admin dashboard (an HTML page; sign in there with an admin account)',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page' })
  page(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    this.send(reply, this.find('index.html'), ifNoneMatch);
  }

  @Get('assets/:name')
  @ApiExcludeEndpoint()
  asset(
    @Param('name') name: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    this.send(reply, this.find(name), ifNoneMatch);
  }

  private find(name: string): DashboardAsset {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`The dashboard has no file ${name}`);
    return asset;
  }

  /** Revalidated on every load (no-cache), answered 304 while the bytes are the same. */
  private send(reply: FastifyReply, asset: DashboardAsset, ifNoneMatch: string | undefined): void {
    reply.header('Cache-Control', 'no-cache').header('ETag', asset.etag);
    if (ifNoneMatch === asset.etag) {
      void reply.code(304).send();
      return;
    }
    void reply.type(asset.contentType).send(asset.body);
  }
}
