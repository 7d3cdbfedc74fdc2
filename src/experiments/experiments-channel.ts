/**
 * The channel on which every change of `experiments` is announced to every server process (by a
 * trigger: migration 1795574402001; the payload is empty, a listener reads the running one).
 */
export const EXPERIMENTS_CHANNEL = 'experiments';
