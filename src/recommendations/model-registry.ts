import { Injectable } from '@nestjs/common';
import { RecommenderModel } from '../recommender';
import { ModelVersion } from '../training/model-store/model-version.entity';

/**
 * A model ready to serve: the decoded core model plus the look-ups serving needs, built once
 * at load. Immutable; a new version is a new object.
 */
export interface LoadedModel {
  readonly version: number;
  readonly info: ModelVersion;
  readonly model: RecommenderModel;
  /** Movie id → dense item index. */
  readonly itemIndex: ReadonlyMap<number, number>;
  /** Lower-case genre name → its bit in the model's genre bitsets. */
  readonly genreBit: ReadonlyMap<string, number>;
  readonly loadedAt: Date;
}

export function toLoadedModel(
  info: ModelVersion,
  model: RecommenderModel,
  loadedAt: Date,
): LoadedModel {
  const itemIndex = new Map<number, number>();
  model.itemIds.forEach((id, index) => itemIndex.set(id, index));
  const genreBit = new Map<string, number>(
    model.genreNames.map((name, bit) => [name.toLowerCase(), bit]),
  );
  return { version: info.version, info, model, itemIndex, genreBit, loadedAt };
}

/**
 * Holds the serving model. A new one is fully built and checked before `swap`, which is one
 * reference assignment: a request sees the old model or the new one, never half of each.
 */
@Injectable()
export class ModelRegistry {
  private current: LoadedModel | undefined;

  get(): LoadedModel | undefined {
    return this.current;
  }

  /** Serves no model (popularity serves); returns the model it dropped. */
  clear(): LoadedModel | undefined {
    const previous = this.current;
    this.current = undefined;
    return previous;
  }

  /** Swaps `next` in and returns the model it replaced. */
  swap(next: LoadedModel): LoadedModel | undefined {
    const previous = this.current;
    this.current = next;
    return previous;
  }
}
