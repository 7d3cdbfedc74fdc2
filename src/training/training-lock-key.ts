/**
 * The PostgreSQL advisory lock key that makes training exclusive across every process. Held as
 * a session lock by TrainingLock; a replacing import takes it as a transaction lock, so no
 * training reads the demo data while it is removed (its model would name removed movies).
 */
export const TRAINING_LOCK_KEY = 727_001;
