import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { InvalidInputError, NotFoundError } from '../common/errors/app-error';
import { errorMessage } from '../common/errors/error-message';
import { Page, pageOf } from '../common/pagination/page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ApiKeyScope } from './api-key-scope';
import { hashApiKey, looksLikeApiKey, newApiKeySecret } from './api-key-secret';
import { toApiKeyResponse } from './api-key.mapper';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeyResponseDto, CreatedApiKeyResponseDto } from './dto/api-key-response.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

/** Who a valid key stands for, on the request. */
export interface ApiKeyPrincipal {
  id: number;
  scopes: readonly ApiKeyScope[];
}

export type ApiKeyCheck = { key: ApiKeyPrincipal } | { rejection: string };

/** A key's last use is written at most this often per process (and per key, by the UPDATE). */
const LAST_USE_EVERY_SECONDS = 60;

/** Service keys: what admins do with them, and the check of a key on each request. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  /** Key id → when this process last wrote its last use (epoch ms). */
  private readonly lastUseWrittenAt = new Map<number, number>();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateApiKeyDto, createdBy: number): Promise<CreatedApiKeyResponseDto> {
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt);
    if (expiresAt && expiresAt.getTime() <= this.clock.now()) {
      throw new InvalidInputError('expiresAt must be in the future');
    }
    const secret = newApiKeySecret();
    const row = await this.keys.insert({
      name: body.name,
      prefix: secret.prefix,
      hash: secret.hash,
      scopes: body.scopes,
      expiresAt,
      createdBy,
    });
    this.logger.log('api key created', { apiKeyId: row.id, scopes: row.scopes, createdBy });
    return { ...toApiKeyResponse(row), key: secret.key };
  }

  async list(query: PageQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const { rows, total } = await this.keys.findPage((query.page - 1) * query.limit, query.limit);
    return pageOf(rows.map(toApiKeyResponse), total, query);
  }

  async revoke(id: number): Promise<void> {
    const row = await this.keys.revoke(id);
    if (!row) throw new NotFoundError(`API key ${id} does not exist`);
    this.logger.log('api key revoked', { apiKeyId: id });
  }

  /**
   * The key an `X-API-Key` value stands for, or why it is refused. One indexed read per request
   * (ApiKeysRepository.findActive), so a revocation holds at once on every process.
   */
  async check(value: string): Promise<ApiKeyCheck> {
    if (!looksLikeApiKey(value)) {
      return {
        rejection: 'The X-API-Key header does not hold an API key (mrk_ and 43 characters)',
      };
    }
    const key = await this.keys.findActive(hashApiKey(value));
    if (!key) return { rejection: 'The API key is unknown or has been revoked' };
    if (key.expiresAt && key.expiresAt.getTime() <= this.clock.now()) {
      return { rejection: 'The API key has expired: ask an admin for a new one' };
    }
    this.noteUse(key.id);
    return { key: { id: key.id, scopes: key.scopes } };
  }

  /** Records a use in the background, at most once a minute per key: never on every request. */
  private noteUse(id: number): void {
    const now = this.clock.now();
    if (now - (this.lastUseWrittenAt.get(id) ?? -Infinity) < LAST_USE_EVERY_SECONDS * 1000) return;
    this.lastUseWrittenAt.set(id, now);
    this.keys.recordUse(id, LAST_USE_EVERY_SECONDS).catch((error: unknown) => {
      this.logger.warn('api key last use not recorded', {
        apiKeyId: id,
        reason: errorMessage(error),
      });
    });
  }
}
