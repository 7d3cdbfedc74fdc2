import { InvalidInputError } from '../common/errors/app-error';
import { AlgorithmChoice } from '../recommender';

/**
 * What a training beside the serving model may change from the configured training: the
 * candidate an A/B experiment compares with the serving model.
 */
export interface BesideConfiguration {
  algorithm?: AlgorithmChoice;
  easeLambda?: number;
  easeDenseScoring?: boolean;
}

/** The retrain route's choices, as its query string gives them. */
export interface RetrainChoices {
  force: boolean;
  beside: boolean;
  algorithm?: AlgorithmChoice;
  easeLambda?: number;
  easeDenseScoring?: boolean;
}

/**
 * The configuration to train beside the serving model, or undefined for a serving training.
 * Refuses (400) options without beside (the serving training's configuration comes from the
 * environment, and a one-off one would be trained over at the next schedule) and force with it
 * (a version beside is never swapped in, so there is no gate to override).
 */
export function besideConfiguration(choices: RetrainChoices): BesideConfiguration | undefined {
  const { force, beside, algorithm, easeLambda, easeDenseScoring } = choices;
  if (!beside) {
    if (algorithm !== undefined || easeLambda !== undefined || easeDenseScoring !== undefined) {
      throw new InvalidInputError(
        'algorithm, easeLambda and easeDenseScoring train a version beside the serving one: ' +
          'add beside=true',
      );
    }
    return undefined;
  }
  if (force) {
    throw new InvalidInputError(
      'force applies to the serving model: leave it out with beside=true',
    );
  }
  return {
    ...(algorithm !== undefined && { algorithm }),
    ...(easeLambda !== undefined && { easeLambda }),
    ...(easeDenseScoring !== undefined && { easeDenseScoring }),
  };
}
