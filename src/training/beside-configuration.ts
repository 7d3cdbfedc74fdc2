import { InvalidInputError } from '../common/errors/app-error';
import { AlgorithmChoice } from '../recommender';

/**
 * What a training beside the serving model may change from the configured training: the
 * candidate an A/B experiment compares with the serving model.
 */
export interface BesideConfiguration {
  algorithm?: AlgorithmChoice;
  easeLambda?: number;
  easeLambdaScale?: number;
  easeDenseScoring?: boolean;
}

/** The retrain route's choices, as its query string gives them. */
export interface RetrainChoices extends BesideConfiguration {
  force: boolean;
  beside: boolean;
}

const BESIDE_ONLY = 'algorithm, easeLambda, easeLambdaScale and easeDenseScoring';

/**
 * The configuration to train beside the serving model, or undefined for a serving training.
 * Refuses (400) options without beside (the serving training's configuration comes from the
 * environment, and a one-off one would be trained over at the next schedule) and force with it
 * (a version beside is never swapped in, so there is no gate to override), a fixed λ with a
 * scale for it (the fixed one would win silently), and EASE's options with item-kNN.
 */
export function besideConfiguration(choices: RetrainChoices): BesideConfiguration | undefined {
  const { force, beside, algorithm, easeLambda, easeLambdaScale, easeDenseScoring } = choices;
  const chosen = [algorithm, easeLambda, easeLambdaScale, easeDenseScoring];
  if (!beside) {
    if (chosen.some((choice) => choice !== undefined)) {
      throw new InvalidInputError(
        `${BESIDE_ONLY} train a version beside the serving one: add beside=true`,
      );
    }
    return undefined;
  }
  if (easeLambda !== undefined && easeLambdaScale !== undefined) {
    throw new InvalidInputError(
      "easeLambda fixes EASE's λ and easeLambdaScale sizes it from the data: give one of them",
    );
  }
  if (force) {
    throw new InvalidInputError(
      'force applies to the serving model: leave it out with beside=true',
    );
  }
  const easeOptions = { easeLambda, easeLambdaScale, easeDenseScoring };
  const easeGiven = Object.keys(easeOptions).filter(
    (name) => easeOptions[name as keyof typeof easeOptions] !== undefined,
  );
  if (algorithm === 'item-knn' && easeGiven.length > 0) {
    // They would be stored with the version and shown as its configuration, doing nothing.
    throw new InvalidInputError(
      `${easeGiven.join(', ')} shape EASE, which algorithm=item-knn does not train: leave ` +
        `${easeGiven.length > 1 ? 'them' : 'it'} out or choose algorithm=ease or auto`,
    );
  }
  return {
    ...(algorithm !== undefined && { algorithm }),
    ...(easeLambda !== undefined && { easeLambda }),
    ...(easeLambdaScale !== undefined && { easeLambdaScale }),
    ...(easeDenseScoring !== undefined && { easeDenseScoring }),
  };
}
