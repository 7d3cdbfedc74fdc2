/** One arm of an experiment: a stored model version serving a share of the signed-in users. */
export interface ExperimentVariant {
  name: string;
  modelVersion: number;
  /** Fraction of users, 0 < share <= 1; the shares of an experiment add up to 1. */
  share: number;
}

/** An experiment as stored: the first variant is the control. */
export interface Experiment {
  id: number;
  name: string;
  startedAt: Date;
  /** Null while it runs. */
  stoppedAt: Date | null;
  variants: ExperimentVariant[];
}
