/**
 * The channel on which every change of the stored versions is announced to every server
 * process (payload: the new version, or empty when versions were removed).
 */
export const MODEL_CHANNEL = 'model_versions';
