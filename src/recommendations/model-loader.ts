import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { errorMessage } from '../common/errors/error-message';
import { artifactChecksum, decodeModel } from '../recommender';
import { ArtifactIntegrityError } from '../training/model-store/artifact-chunks';
import { ModelStore } from '../training/model-store/model-store';
import { ModelVersion } from '../training/model-store/model-version.entity';
import { LoadedModel, toLoadedModel } from './model-registry';

/** A database error while reading an artifact: not the version's fault, so not a refusal. */
export class StoreUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(errorMessage(cause));
  }
}

/**
 * Turns a stored version into a model ready to serve: reads its artifact, checks it against the
 * row's checksum, decodes it. Used for the serving model and for experiments' variants alike.
 */
@Injectable()
export class ModelLoader {
  constructor(
    private readonly store: ModelStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws StoreUnavailableError when the database failed (try again later), and any other
   * error when the version itself cannot serve (missing or damaged bytes).
   */
  async load(version: ModelVersion): Promise<{ loaded: LoadedModel; artifactBytes: number }> {
    const bytes = await this.readArtifact(version);
    // The row's checksum names the artifact it belongs to; decodeModel verifies the bytes.
    const checksum = artifactChecksum(bytes);
    if (version.checksum && checksum !== version.checksum) {
      throw new Error(`checksum ${checksum} does not match the stored ${version.checksum}`);
    }
    // The buffer is this load's own: the model's arrays are views over it, not a copy.
    const model = decodeModel(bytes, { share: true });
    return {
      loaded: toLoadedModel(version, model, this.clock.date()),
      artifactBytes: bytes.length,
    };
  }

  /** Loads a version by its number (see load); throws when there is no such version. */
  async loadVersion(version: number): Promise<{ loaded: LoadedModel; artifactBytes: number }> {
    let rows: ModelVersion[];
    try {
      rows = await this.store.findVersions([version]);
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
    if (rows.length === 0) throw new Error(`model version ${version} does not exist`);
    return this.load(rows[0]);
  }

  private async readArtifact(version: ModelVersion): Promise<Buffer> {
    let bytes: Buffer | null;
    try {
      bytes = await this.store.readArtifact(version);
    } catch (error) {
      if (error instanceof ArtifactIntegrityError) throw error;
      throw new StoreUnavailableError(error);
    }
    if (!bytes) throw new Error('the artifact is missing');
    return bytes;
  }
}
